import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { COMPOSER } from '../matchers.ts';
import { parseComposerLock } from './parse.ts';

/** PHP `composer.lock`. */
export const composerLockAnalyzer = defineInventoryAnalyzer({ ...COMPOSER, parse: parseComposerLock });

export { parseComposerLock } from './parse.ts';
