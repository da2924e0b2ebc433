// Issue 14: a short fuzz run of the signing parsers (test/fuzz/targets/signing.ts); see also
// src/signing/hostile.test.ts.
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('signing');
