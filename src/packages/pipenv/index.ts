import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { PIPENV } from '../matchers.ts';
import { parsePipfileLock } from './parse.ts';

/** Pipenv `Pipfile.lock`. */
export const pipfileLockAnalyzer = defineInventoryAnalyzer({ ...PIPENV, parse: parsePipfileLock });

export { parsePipfileLock } from './parse.ts';
