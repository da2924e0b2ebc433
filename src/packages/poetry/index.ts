import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parsePoetryLock } from './parse.ts';

/** Python `poetry.lock`. */
export const poetryLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/poetry',
  version: 1,
  matches: byBaseName('poetry.lock'),
  parse: parsePoetryLock,
});

export { parsePoetryLock } from './parse.ts';
