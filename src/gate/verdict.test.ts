import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Threshold } from '../core/index.ts';
import { dockerfileFinding, kubernetesFinding } from './__fixtures__/findings.ts';
import { gateVerdict } from './verdict.ts';

const FINDINGS = [
  kubernetesFinding({ severity: 'critical' }),
  kubernetesFinding({ severity: 'high' }),
  dockerfileFinding({ severity: 'medium' }),
  dockerfileFinding({ severity: 'low' }),
  dockerfileFinding({ severity: 'info' }),
  kubernetesFinding({ severity: 'critical', suppression: { kind: 'baseline', reason: 'in baseline b.json' } }),
  dockerfileFinding({ severity: 'high', suppression: { kind: 'inline', reason: 'r' } }),
];

describe('gateVerdict', () => {
  const cases: readonly (readonly [Threshold, number])[] = [
    ['critical', 1],
    ['high', 2],
    ['medium', 3],
    ['low', 4],
    ['info', 5],
    ['none', 0],
  ];
  for (const [failOn, failing] of cases) {
    it(`failOn ${failOn}: ${failing} failing, suppressed findings never count`, () => {
      assert.deepEqual(gateVerdict(FINDINGS, failOn), { failing, exitCode: failing > 0 ? 1 : 0 });
    });
  }

  it('passes with no findings, and with only suppressed ones', () => {
    assert.deepEqual(gateVerdict([], 'info'), { failing: 0, exitCode: 0 });
    assert.deepEqual(gateVerdict(FINDINGS.slice(5), 'info'), { failing: 0, exitCode: 0 });
  });
});
