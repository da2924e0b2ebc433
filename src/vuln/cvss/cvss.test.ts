import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CvssCalculator, parseCvssVector, scoreCvssVector, severityFromScore } from './index.ts';

describe('scoreCvssVector: published scores', () => {
  const rows: readonly (readonly [string, number])[] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    // v3 metrics in any order; temporal metrics do not change the base score used.
    ['CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U', 9.8],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 5.3],
  ];
  for (const [vector, score] of rows) {
    it(vector, () => {
      const result = scoreCvssVector(vector);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.score, score);
      assert.equal(result.value.vector, vector);
    });
  }
});

describe('parseCvssVector: malformed vectors with reason and column', () => {
  const rows: readonly (readonly [string, string, number])[] = [
    ['', 'expected "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/"', 1],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 'expected "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/"', 1],
    ['CVSS:2.0/AV:N', 'expected "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/"', 1],
    ['CVSS:3.1/AV:X/AC:L', 'invalid value "X" for metric AV (expected N, A, L, P)', 13],
    ['CVSS:3.1/AV:N/AC:L', 'base metric PR is missing', 19],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', 'empty metric', 46],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'metric AV given twice', 15],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', 'unknown metric "XX"', 46],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A', 'invalid value "" for metric A (expected H, L, N)', 44],
    ['CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'metric AV out of order', 15],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', 'base metric SA is missing', 59],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Purple', 'invalid value "Purple" for metric U (expected X, Clear, Green, Amber, Red)', 67],
  ];
  for (const [vector, reason, column] of rows) {
    it(JSON.stringify(vector), () => assert.deepEqual(parseCvssVector(vector), { ok: false, error: { reason, column } }));
  }
  it('a huge vector is rejected at once', () => {
    assert.deepEqual(parseCvssVector(`CVSS:3.1/${'AV:N/'.repeat(100_000)}`), { ok: false, error: { reason: 'vector longer than 512 characters', column: 513 } });
  });
});

describe('CvssCalculator', () => {
  it('caches by vector string, failures included', () => {
    const calculator = new CvssCalculator();
    const first = calculator.score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    assert.equal(calculator.score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), first);
    assert.equal(calculator.score('CVSS:3.1/AV:X').ok, false);
    assert.equal(calculator.size, 2);
  });
});

describe('severityFromScore: CVSS qualitative scale', () => {
  const rows: readonly (readonly [number, string])[] = [
    [0, 'info'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4, 'medium'],
    [6.9, 'medium'],
    [7, 'high'],
    [8.9, 'high'],
    [9, 'critical'],
    [10, 'critical'],
  ];
  for (const [score, severity] of rows) it(`${score} → ${severity}`, () => assert.equal(severityFromScore(score), severity));
});
