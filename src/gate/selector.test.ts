import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileFinding, vulnerabilityFinding } from './__fixtures__/findings.ts';
import { findingMatchesSelector } from './selector.ts';

describe('findingMatchesSelector', () => {
  const cases: readonly (readonly [string, boolean])[] = [
    ['DKR-0001', true],
    ['dkr-0001', true],
    [' DKR-0001 ', true],
    ['no-latest-tag', true],
    ['No-Latest-Tag', true],
    ['hadolint:DL3007', true],
    ['HADOLINT:dl3007', true],
    ['trivy:DS001', true],
    ['DL3007', false],
    ['hadolint', false],
    ['DKR-0002', false],
    ['dockerfile', false],
    ['', false],
    ['CVE-2021-23337', false],
  ];
  for (const [selector, expected] of cases) {
    it(`${JSON.stringify(selector)} ${expected ? 'matches' : 'does not match'} the Dockerfile finding`, () => {
      assert.equal(findingMatchesSelector(dockerfileFinding(), selector), expected);
    });
  }

  const vulnerability: readonly (readonly [string, boolean])[] = [
    ['GHSA-35jh-r3h4-6jhm', true],
    ['ghsa-35jh-r3h4-6jhm', true],
    ['CVE-2021-23337', true],
    ['CVE-2021-23338', false],
    ['VULN', true],
  ];
  for (const [selector, expected] of vulnerability) {
    it(`${JSON.stringify(selector)} ${expected ? 'matches' : 'does not match'} the vulnerability finding`, () => {
      assert.equal(findingMatchesSelector(vulnerabilityFinding(), selector), expected);
    });
  }
});
