import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseCargoLock } from './parse.ts';

/** Rust `Cargo.lock`. */
export const cargoLockAnalyzer = defineInventoryAnalyzer({
  id: 'packages/cargo',
  version: 1,
  matches: byBaseName('Cargo.lock'),
  parse: parseCargoLock,
});

export { parseCargoLock } from './parse.ts';
