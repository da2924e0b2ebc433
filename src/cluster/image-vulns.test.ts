import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryAdvisorySource } from '../vuln/db/index.ts';
import type { OsvRecord } from '../vuln/index.ts';
import { matchSboms } from '../watch/rematch.ts';
import type { SbomMatcher } from './image-vulns.ts';
import { formatCounts, scanPredicateCounts, summariseSbom } from './image-vulns.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const COUNTS = { critical: 1, high: 0, medium: 2, low: 0, info: 3 };

function record(id: string, name: string, fixed: string, severity: string): OsvRecord {
  return { id, modified: '2026-11-20T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }], database_specific: { severity } };
}

function cyclonedx(components: readonly { name: string; version: string }[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: components.map(({ name, version }) => ({ type: 'library', name, version, purl: `pkg:npm/${name}@${version}`, 'bom-ref': `pkg:npm/${name}@${version}` })),
  });
}

describe('summariseSbom', () => {
  const advisories = createMemoryAdvisorySource([
    record('GHSA-bbbb-0000-0002', 'left-pad', '1.3.1', 'HIGH'),
    record('GHSA-aaaa-0000-0001', 'left-pad', '1.3.1', 'HIGH'),
    record('GHSA-cccc-0000-0003', 'lodash', '4.17.21', 'CRITICAL'),
    record('GHSA-dddd-0000-0004', 'minimist', '1.2.6', 'LOW'),
    record('GHSA-eeee-0000-0005', 'express', '4.0.0', 'CRITICAL'),
  ]);
  // The matcher the CLI gives: the watch store's.
  const source: SbomMatcher = (digest, sbom) => matchSboms(new Map([[digest, sbom]]), advisories);

  it('counts each vulnerability of each package once, and names the worst, most severe first then by id', () => {
    const summary = summariseSbom(DIGEST, cyclonedx([{ name: 'left-pad', version: '1.3.0' }, { name: 'lodash', version: '4.17.20' }, { name: 'minimist', version: '1.2.5' }, { name: 'express', version: '4.18.0' }]), source);
    assert.deepEqual(summary, {
      counts: { critical: 1, high: 2, medium: 0, low: 1, info: 0 },
      total: 4,
      worst: [
        { id: 'GHSA-cccc-0000-0003', severity: 'critical', package: 'pkg:npm/lodash@4.17.20' },
        { id: 'GHSA-aaaa-0000-0001', severity: 'high', package: 'pkg:npm/left-pad@1.3.0' },
        { id: 'GHSA-bbbb-0000-0002', severity: 'high', package: 'pkg:npm/left-pad@1.3.0' },
      ],
    });
  });

  it('gives zero counts for an SBOM without affected packages', () => {
    assert.deepEqual(summariseSbom(DIGEST, cyclonedx([]), source), { counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, total: 0, worst: [] });
  });

  const broken: readonly (readonly [string, string])[] = [
    ['truncated JSON', '{"bomFormat": "CycloneDX", "components": ['],
    ['not an SBOM', '{"hello": "world"}'],
    ['a JSON array', '[1, 2, 3]'],
    ['a huge string', `"${'x'.repeat(2_000_000)}"`],
  ];
  for (const [name, text] of broken) {
    it(`refuses ${name} with SBOM_INVALID naming the digest`, () => {
      assert.throws(() => summariseSbom(DIGEST, text, source), (error: unknown) => error instanceof Error && 'code' in error && error.code === 'SBOM_INVALID' && error.message.startsWith(`${DIGEST}: `));
    });
  }
});

describe('scanPredicateCounts', () => {
  it('reads the counts, time and verdict of a palisade-scan predicate', () => {
    assert.deepEqual(scanPredicateCounts({ counts: COUNTS, verdict: 'fail', timestamp: '2026-11-26T08:00:00Z' }), { summary: { counts: COUNTS, total: 6 }, timestamp: '2026-11-26T08:00:00Z', verdict: 'fail' });
    assert.deepEqual(scanPredicateCounts({ counts: { ...COUNTS, extra: 9 } }), { summary: { counts: COUNTS, total: 6 }, timestamp: undefined, verdict: undefined });
  });

  const hostile: readonly (readonly [string, unknown])[] = [
    ['null', null],
    ['an array', [COUNTS]],
    ['no counts', { verdict: 'pass' }],
    ['counts as an array', { counts: [1, 2, 3, 4, 5] }],
    ['a missing severity', { counts: { critical: 1, high: 0, medium: 0, low: 0 } }],
    ['a negative count', { counts: { ...COUNTS, low: -1 } }],
    ['a fraction', { counts: { ...COUNTS, high: 0.5 } }],
    ['a string count', { counts: { ...COUNTS, critical: '1' } }],
    ['an unsafe integer', { counts: { ...COUNTS, info: 2 ** 60 } }],
    ['NaN', { counts: { ...COUNTS, medium: Number.NaN } }],
  ];
  for (const [name, predicate] of hostile) {
    it(`ignores a predicate with ${name}`, () => assert.equal(scanPredicateCounts(predicate), undefined));
  }
});

describe('formatCounts', () => {
  it('lists every severity, most severe first', () => {
    assert.equal(formatCounts({ counts: COUNTS, total: 6 }), '6 (critical 1, high 0, medium 2, low 0, info 3)');
  });
});
