import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { MAVEN } from '../matchers.ts';
import { parsePom } from './parse.ts';

export { isPomFile } from '../matchers.ts';

export const pomAnalyzer = defineInventoryAnalyzer({ ...MAVEN, parse: parsePom });

export { interpolate, parsePom } from './parse.ts';
