// Issue 14: a short fuzz run of the policy parsers (test/fuzz/targets/policy.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('policy');
