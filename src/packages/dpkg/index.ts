import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { DPKG } from '../matchers.ts';
import { parseDpkgStatus } from './parse.ts';

export { DPKG_STATUS_PATHS, isDpkgStatus } from '../matchers.ts';

export const dpkgAnalyzer = defineInventoryAnalyzer({ ...DPKG, parse: parseDpkgStatus });

export { parseDpkgStatus } from './parse.ts';
