// Issue 14: a short fuzz run of the sbom parsers (test/fuzz/targets/sbom.ts).
import { fuzzAreaTest } from './run.ts';

fuzzAreaTest('sbom');
