import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tests } from '@bufbuild/cel-spec/testdata/conformance.js';
import { runConformance } from './conformance-runner.ts';

/**
 * Pass counts of the proto-free cel-spec v0.25.1 conformance tests (`@bufbuild/cel-spec` 0.6.1)
 * recorded for our engine (`@marcbachmann/cel-js` 8 + our libraries). A section may improve; it
 * must not drop. Update the table (and docs/cel.md) when it improves.
 */
const RECORDED: Readonly<Record<string, readonly [passed: number, total: number]>> = {
  basic: [40, 43],
  bindings_ext: [5, 5],
  block_ext: [0, 25],
  comparisons: [309, 334],
  conversions: [96, 109],
  encoders_ext: [0, 4],
  fields: [43, 60],
  fp_math: [30, 30],
  integer_math: [62, 64],
  lists: [34, 39],
  logic: [25, 30],
  macros: [42, 44],
  macros2: [8, 46],
  math_ext: [17, 199],
  namespace: [0, 1],
  optionals: [39, 59],
  parse: [167, 193],
  plumbing: [5, 5],
  string: [51, 51],
  string_ext: [193, 205],
  timestamps: [52, 71],
  type_deductions: [12, 12],
};

const results = runConformance(tests);

test('conformance: every proto-free section is in the recorded table', () => {
  const withTests = results.filter((r) => r.total > 0).map((r) => r.section);
  assert.deepEqual(withTests, Object.keys(RECORDED));
});

for (const result of results.filter((r) => r.total > 0)) {
  test(`conformance: ${result.section} passes at least the recorded count`, () => {
    const [passed, total] = RECORDED[result.section] ?? [0, 0];
    assert.equal(result.total, total, 'the number of proto-free tests changed (new cel-spec data?)');
    assert.ok(
      result.passed >= passed,
      `${result.section}: ${result.passed}/${result.total}, recorded ${passed}; newly failing: ${result.failures.slice(0, 10).join(', ')}`,
    );
  });
}

test('conformance: total proto-free pass count', () => {
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const total = results.reduce((sum, r) => sum + r.total, 0);
  assert.equal(total, 1629);
  assert.ok(passed >= 1230, `${passed}/${total}`);
});
