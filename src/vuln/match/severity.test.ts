import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CvssCalculator } from '../cvss/index.ts';
import type { OsvAffected, OsvRecord } from '../osv.ts';
import type { RecordMatch } from './aliases.ts';
import { helpUriOf, slugifyId } from './finding.ts';
import { severityOf } from './severity.ts';

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function match(record: Partial<OsvRecord>, affected: OsvAffected = {}): RecordMatch {
  return { record: { id: 'TEST-1', modified: '2024-01-01T00:00:00Z', ...record }, affected: [affected], fixed: [], nearestFixed: undefined };
}

describe('severityOf', () => {
  const rows: readonly (readonly [string, RecordMatch, string, string, number | undefined])[] = [
    ['CVSS v4 preferred over v3', match({ severity: [{ type: 'CVSS_V3', score: V31 }, { type: 'CVSS_V4', score: V40 }] }), 'critical', 'cvss', 9.3],
    ['the affected entry before the record', match({ severity: [{ type: 'CVSS_V4', score: V40 }] }, { severity: [{ type: 'CVSS_V3', score: V31 }] }), 'critical', 'cvss', 9.3],
    ['affected entry v3 when the record has none', match({}, { severity: [{ type: 'CVSS_V3', score: V31 }] }), 'medium', 'cvss', 5.3],
    ['CVSS v2 alone is not used', match({ severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }], database_specific: { severity: 'LOW' } }), 'low', 'database', undefined],
    ['GHSA MODERATE', match({ database_specific: { severity: 'MODERATE' } }), 'medium', 'database', undefined],
    ['affected-level database severity', match({}, { database_specific: { severity: 'CRITICAL' } }), 'critical', 'database', undefined],
    ['Ubuntu priority negligible', match({ severity: [{ type: 'Ubuntu', score: 'negligible' }] }), 'low', 'database', undefined],
    ['Ubuntu priority high', match({ severity: [{ type: 'Ubuntu', score: 'high' }] }), 'high', 'database', undefined],
    ['Debian urgency unimportant', match({}, { ecosystem_specific: { urgency: 'unimportant' } }), 'low', 'database', undefined],
    ['unknown rating words are ignored', match({ database_specific: { severity: 'SEVERE' } }), 'medium', 'default', undefined],
    ['nothing: medium', match({}), 'medium', 'default', undefined],
  ];
  for (const [name, input, severity, basis, score] of rows) {
    it(name, () => {
      const verdict = severityOf([input], new CvssCalculator());
      assert.deepEqual([verdict.severity, verdict.basis, verdict.cvss?.score], [severity, basis, score]);
    });
  }

  it('a malformed vector is skipped for the next one and reported', () => {
    const verdict = severityOf([match({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }, { type: 'CVSS_V3', score: V31 }] })], new CvssCalculator());
    assert.deepEqual([verdict.severity, verdict.problems], ['medium', ['TEST-1: "CVSS:3.1/AV:N": base metric AC is missing at column 14']]);
  });

  it('the preferred record first, then the others', () => {
    const verdict = severityOf([match({ id: 'GHSA-x' }), match({ id: 'CVE-x', severity: [{ type: 'CVSS_V4', score: V40 }] })], new CvssCalculator());
    assert.equal(verdict.severity, 'critical');
  });
});

describe('slugifyId and helpUriOf', () => {
  const ids: readonly (readonly [string, string])[] = [
    ['GHSA-jf85-cpcp-j695', 'ghsa-jf85-cpcp-j695'],
    ['CVE-2021-44228', 'cve-2021-44228'],
    ['RHSA-2024:1234', 'rhsa-2024-1234'],
    ['DSA-5764-1', 'dsa-5764-1'],
    ['--', 'vulnerability'],
  ];
  for (const [id, slug] of ids) {
    it(`${id} → ${slug}`, () => {
      assert.equal(slugifyId(id), slug);
      assert.match(slugifyId(id), /^[a-z0-9]+(-[a-z0-9]+)*$/);
    });
  }
  it('first ADVISORY, else WEB, https only, else osv.dev', () => {
    const base = { id: 'GO-2022-0001', modified: '' };
    assert.deepEqual(
      [
        helpUriOf({ ...base, references: [{ type: 'WEB', url: 'https://w' }, { type: 'ADVISORY', url: 'https://a' }] }),
        helpUriOf({ ...base, references: [{ type: 'ADVISORY', url: 'http://insecure' }, { type: 'WEB', url: 'https://w' }] }),
        helpUriOf({ ...base, references: [{ type: 'REPORT', url: 'https://r' }] }),
      ],
      ['https://a', 'https://w', 'https://osv.dev/vulnerability/GO-2022-0001'],
    );
  });
});
