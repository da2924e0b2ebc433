import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { NUGET } from '../matchers.ts';
import { parseNugetLock } from './parse.ts';

/** .NET `packages.lock.json`. */
export const nugetLockAnalyzer = defineInventoryAnalyzer({ ...NUGET, parse: parseNugetLock });

export { parseNugetLock } from './parse.ts';
