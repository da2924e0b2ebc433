import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { GO_MOD, GO_SUM } from '../matchers.ts';
import { parseGoMod, parseGoSum } from './parse.ts';

/** Go `go.mod`: required modules, `replace` applied, the Go toolchain as `stdlib`. */
export const goModAnalyzer = defineInventoryAnalyzer({ ...GO_MOD, parse: parseGoMod });

/** Go `go.sum`: every module version with a content hash. */
export const goSumAnalyzer = defineInventoryAnalyzer({ ...GO_SUM, parse: parseGoSum });

export { osvGoVersion, parseGoMod, parseGoSum } from './parse.ts';
