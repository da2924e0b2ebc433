// Issue 14: a short fuzz run of the dockerfile parsers (test/fuzz/targets/dockerfile.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('dockerfile');
