import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseNpmLock } from './parse.ts';

/** npm `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json`. */
export const npmLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/npm',
  version: 1,
  matches: byBaseName('package-lock.json', 'npm-shrinkwrap.json'),
  parse: parseNpmLock,
});

export { classifyNpmVersion, parseNpmLock } from './parse.ts';
