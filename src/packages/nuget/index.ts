import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseNugetLock } from './parse.ts';

/** .NET `packages.lock.json`. */
export const nugetLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/nuget',
  version: 1,
  matches: byBaseName('packages.lock.json'),
  parse: parseNugetLock,
});

export { parseNugetLock } from './parse.ts';
