import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { PNPM } from '../matchers.ts';
import { parsePnpmLock } from './parse.ts';

/** `pnpm-lock.yaml`, lockfile versions 5.x to 9.0. */
export const pnpmLockAnalyzer = defineInventoryAnalyzer({ ...PNPM, parse: parsePnpmLock });

export { parsePnpmKey, parsePnpmLock } from './parse.ts';
