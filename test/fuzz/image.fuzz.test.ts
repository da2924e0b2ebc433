// Issue 14: a short fuzz run of the image parsers (test/fuzz/targets/image.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('image');
