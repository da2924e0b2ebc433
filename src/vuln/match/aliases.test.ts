import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../osv.ts';
import type { RecordMatch } from './aliases.ts';
import { groupMatches, preferredId } from './aliases.ts';

function match(id: string, aliases: readonly string[] = [], upstream: readonly string[] = []): RecordMatch {
  const record: OsvRecord = { id, modified: '2024-01-01T00:00:00Z', aliases, upstream };
  return { record, affected: [], fixed: [], nearestFixed: undefined };
}

function shape(groups: ReturnType<typeof groupMatches>): (readonly [string, readonly string[], readonly string[]])[] {
  return groups.map((group) => [group.id, group.aliases, group.matches.map((item) => item.record.id)] as const);
}

describe('preferredId', () => {
  const rows: readonly (readonly [string, readonly string[], string])[] = [
    ['npm', ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'], 'GHSA-35jh-r3h4-6jhm'],
    ['PyPI', ['GHSA-8q59-q68h-6hv4', 'PYSEC-2021-142', 'CVE-2020-14343'], 'PYSEC-2021-142'],
    ['Go', ['GHSA-vvpx-j8f3-3w6h', 'GO-2022-0236'], 'GO-2022-0236'],
    ['crates.io', ['GHSA-5wg8-7c9q-794v', 'RUSTSEC-2021-0078'], 'RUSTSEC-2021-0078'],
    ['Debian', ['DSA-5764-1', 'CVE-2023-5678', 'DEBIAN-CVE-2023-5678'], 'DEBIAN-CVE-2023-5678'],
    ['Debian', ['DSA-5764-1', 'CVE-2023-5678'], 'CVE-2023-5678'],
    ['Debian', ['DSA-5764-1', 'DLA-3008-1'], 'DLA-3008-1'],
    ['Unknown', ['OSV-2020-1', 'CVE-2020-1'], 'CVE-2020-1'],
  ];
  for (const [ecosystem, ids, expected] of rows) it(`${ecosystem}: ${ids.join(' ')}`, () => assert.equal(preferredId(ids, ecosystem), expected));
});

describe('groupMatches', () => {
  it('records that alias each other form one group, transitively', () => {
    const groups = groupMatches([match('CVE-2020-14343', []), match('GHSA-8q59-q68h-6hv4', ['CVE-2020-14343']), match('PYSEC-2021-142', ['GHSA-8q59-q68h-6hv4'])], 'PyPI');
    assert.deepEqual(shape(groups), [['PYSEC-2021-142', ['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4'], ['PYSEC-2021-142', 'GHSA-8q59-q68h-6hv4', 'CVE-2020-14343']]]);
  });
  it('unrelated records stay apart', () => {
    assert.deepEqual(shape(groupMatches([match('GHSA-aaaa-aaaa-aaaa', ['CVE-1']), match('GHSA-bbbb-bbbb-bbbb', ['CVE-2'])], 'npm')), [
      ['GHSA-aaaa-aaaa-aaaa', ['CVE-1'], ['GHSA-aaaa-aaaa-aaaa']],
      ['GHSA-bbbb-bbbb-bbbb', ['CVE-2'], ['GHSA-bbbb-bbbb-bbbb']],
    ]);
  });
  it('a notice covering two CVEs joins both groups as an alias', () => {
    const groups = groupMatches([match('DEBIAN-CVE-1', [], ['CVE-1']), match('DEBIAN-CVE-2', [], ['CVE-2']), match('DLA-3008-1', [], ['CVE-1', 'CVE-2'])], 'Debian');
    assert.deepEqual(shape(groups), [
      ['DEBIAN-CVE-1', ['CVE-1', 'DLA-3008-1'], ['DEBIAN-CVE-1']],
      ['DEBIAN-CVE-2', ['CVE-2', 'DLA-3008-1'], ['DEBIAN-CVE-2']],
    ]);
  });
  it("a distribution's CVE record and an older bare CVE record of the same CVE are one group", () => {
    assert.deepEqual(shape(groupMatches([match('CVE-2024-1013'), match('DEBIAN-CVE-2024-1013', [], ['CVE-2024-1013'])], 'Debian')), [
      ['DEBIAN-CVE-2024-1013', ['CVE-2024-1013'], ['DEBIAN-CVE-2024-1013', 'CVE-2024-1013']],
    ]);
  });
  it('a notice without a matching vulnerability record stays a finding of its own', () => {
    assert.deepEqual(shape(groupMatches([match('DSA-3029-1', [], ['CVE-2014-3616'])], 'Debian')), [['DSA-3029-1', [], ['DSA-3029-1']]]);
  });
});
