import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { UV } from '../matchers.ts';
import { parseUvLock } from './parse.ts';

/** Python `uv.lock`. */
export const uvLockAnalyzer = defineInventoryAnalyzer({ ...UV, parse: parseUvLock });

export { parseUvLock } from './parse.ts';
