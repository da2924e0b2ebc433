// Issue 14: a short fuzz run of every lockfile and OS package database parser (test/fuzz/targets/packages.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('packages');
