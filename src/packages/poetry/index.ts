import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { POETRY } from '../matchers.ts';
import { parsePoetryLock } from './parse.ts';

/** Python `poetry.lock`. */
export const poetryLockAnalyzer = defineInventoryAnalyzer({ ...POETRY, parse: parsePoetryLock });

export { parsePoetryLock } from './parse.ts';
