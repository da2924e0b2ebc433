import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { BUNDLER } from '../matchers.ts';
import { parseGemfileLock } from './parse.ts';

/** Ruby `Gemfile.lock` and `gems.locked`. */
export const gemfileLockAnalyzer = defineInventoryAnalyzer({ ...BUNDLER, parse: parseGemfileLock });

export { parseGemfileLock } from './parse.ts';
