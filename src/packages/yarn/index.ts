import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { YARN } from '../matchers.ts';
import { parseYarnLock } from './parse.ts';

/** `yarn.lock`, Yarn classic (v1) and Berry (v2+). */
export const yarnLockAnalyzer = defineInventoryAnalyzer({ ...YARN, parse: parseYarnLock });

export { parseYarnLock } from './parse.ts';
