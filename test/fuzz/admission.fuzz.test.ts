// Issue 14: a short fuzz run of the admission parsers (test/fuzz/targets/admission.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('admission');
