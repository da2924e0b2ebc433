import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseYarnLock } from './parse.ts';

/** `yarn.lock`, Yarn classic (v1) and Berry (v2+). */
export const yarnLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/yarn',
  version: 1,
  matches: byBaseName('yarn.lock'),
  parse: parseYarnLock,
});

export { parseYarnLock } from './parse.ts';
