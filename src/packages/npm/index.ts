import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { NPM } from '../matchers.ts';
import { parseNpmLock } from './parse.ts';

/** npm `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json`. */
export const npmLockAnalyzer = defineInventoryAnalyzer({ ...NPM, parse: parseNpmLock });

export { classifyNpmVersion, parseNpmLock } from './parse.ts';
