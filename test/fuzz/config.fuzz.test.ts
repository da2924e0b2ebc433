// Issue 14: a short fuzz run of the config parsers (test/fuzz/targets/config.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('config');
