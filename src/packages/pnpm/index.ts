import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parsePnpmLock } from './parse.ts';

/** `pnpm-lock.yaml`, lockfile versions 5.x to 9.0. */
export const pnpmLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/pnpm',
  version: 1,
  matches: byBaseName('pnpm-lock.yaml'),
  parse: parsePnpmLock,
});

export { parsePnpmKey, parsePnpmLock } from './parse.ts';
