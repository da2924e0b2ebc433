// Issue 14: a short fuzz run of the kubernetes parsers (test/fuzz/targets/kubernetes.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('kubernetes');
