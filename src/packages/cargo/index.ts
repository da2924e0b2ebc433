import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { CARGO } from '../matchers.ts';
import { parseCargoLock } from './parse.ts';

/** Rust `Cargo.lock`. */
export const cargoLockAnalyzer = defineInventoryAnalyzer({ ...CARGO, parse: parseCargoLock });

export { parseCargoLock } from './parse.ts';
