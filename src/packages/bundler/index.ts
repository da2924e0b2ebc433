import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseGemfileLock } from './parse.ts';

/** Ruby `Gemfile.lock` and `gems.locked`. */
export const gemfileLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/bundler',
  version: 1,
  matches: byBaseName('Gemfile.lock', 'gems.locked'),
  parse: parseGemfileLock,
});

export { parseGemfileLock } from './parse.ts';
