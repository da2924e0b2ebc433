import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseUvLock } from './parse.ts';

/** Python `uv.lock`. */
export const uvLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/uv',
  version: 1,
  matches: byBaseName('uv.lock'),
  parse: parseUvLock,
});

export { parseUvLock } from './parse.ts';
