import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseComposerLock } from './parse.ts';

/** PHP `composer.lock`. */
export const composerLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/composer',
  version: 1,
  matches: (file) => byBaseName('composer.lock')(file) && !file.path.includes('vendor/'),
  parse: parseComposerLock,
});

export { parseComposerLock } from './parse.ts';
