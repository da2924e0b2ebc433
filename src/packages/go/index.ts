import { byBaseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseGoMod, parseGoSum } from './parse.ts';

/** Go `go.mod`: required modules, `replace` applied, the Go toolchain as `stdlib`. */
export const goModAnalyzer = defineInventoryAnalyzer({
  id: 'packages/go-mod',
  version: 1,
  matches: byBaseName('go.mod'),
  parse: parseGoMod,
});

/** Go `go.sum`: every module version with a content hash. */
export const goSumAnalyzer = defineInventoryAnalyzer({
  id: 'packages/go-sum',
  version: 1,
  matches: byBaseName('go.sum'),
  parse: parseGoSum,
});

export { osvGoVersion, parseGoMod, parseGoSum } from './parse.ts';
