import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parsePipfileLock } from './parse.ts';

/** Pipenv `Pipfile.lock`. */
export const pipfileLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/pipenv',
  version: 1,
  matches: byBaseName('Pipfile.lock'),
  parse: parsePipfileLock,
});

export { parsePipfileLock } from './parse.ts';
