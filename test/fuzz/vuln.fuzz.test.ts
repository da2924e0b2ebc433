// Issue 14: a short fuzz run of the advisory parsers (test/fuzz/targets/vuln.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('vuln');
