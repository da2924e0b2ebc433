import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../vuln/index.ts';
import { createMemorySource } from '../vuln/match/index.ts';
import { rematch } from './rematch.ts';
import { SqliteWatchStore } from './store-sqlite.ts';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

function sbom(components: readonly { name: string; version: string }[]): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: components.map(({ name, version }) => ({ type: 'library', 'bom-ref': `pkg:npm/${name}@${version}`, name, version, purl: `pkg:npm/${name}@${version}` })),
  });
}

function advisory(id: string, name: string, fixed: string, modified = '2026-11-01T00:00:00Z'): OsvRecord {
  return { id, modified, summary: `${name} is vulnerable`, affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }] };
}

const NOW = new Date('2026-11-27T12:00:00Z');

describe('rematch', () => {
  it('alerts once per new vulnerability per image, without the image, and not again on the next run', async () => {
    const store = new SqliteWatchStore(':memory:');
    await store.putImage(DIGEST_A, sbom([{ name: 'left-pad', version: '1.0.0' }, { name: 'lodash', version: '4.17.20' }]), NOW);
    await store.putImage(DIGEST_B, sbom([{ name: 'lodash', version: '4.17.21' }]), NOW);
    await store.putReference({ reference: 'registry.example.com/shop/web:1.0', digest: DIGEST_A }, NOW);

    const first = await rematch(store, createMemorySource([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.21')]), NOW, new Map([[DIGEST_A, ['prod/web-1']]]));
    assert.deepEqual(
      first.alerts.map((alert) => [alert.digest, alert.vulnerability, alert.package, alert.references, alert.runningIn, alert.fixedVersions]),
      [[DIGEST_A, 'GHSA-aaaa-bbbb-cccc', 'pkg:npm/lodash@4.17.20', ['registry.example.com/shop/web:1.0'], ['prod/web-1'], ['4.17.21']]],
    );
    assert.deepEqual([first.images, first.matched], [2, 1]);

    const again = await rematch(store, createMemorySource([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.21')]), NOW);
    assert.deepEqual([again.alerts.length, again.matched], [0, 1]);

    const update = await rematch(store, createMemorySource([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.21'), advisory('GHSA-dddd-eeee-ffff', 'left-pad', '1.0.1'), advisory('GHSA-gggg-hhhh-iiii', 'lodash', '4.17.22')]), NOW);
    assert.deepEqual(update.alerts.map((alert) => `${alert.digest.slice(7, 8)} ${alert.vulnerability}`).sort(), ['a GHSA-dddd-eeee-ffff', 'a GHSA-gggg-hhhh-iiii', 'b GHSA-gggg-hhhh-iiii']);
    assert.equal(update.alerts.every((alert) => alert.runningIn === undefined), true);
    assert.equal((await store.alerts()).length, 4);
  });

  it('names an image whose stored SBOM is unreadable and matches the others', async () => {
    const store = new SqliteWatchStore(':memory:');
    await store.putImage(DIGEST_A, '{"bomFormat": "CycloneDX", "components": [', NOW);
    await store.putImage(DIGEST_B, sbom([{ name: 'lodash', version: '4.17.20' }]), NOW);
    const result = await rematch(store, createMemorySource([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.21')]), NOW);
    assert.equal(result.alerts.length, 1);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0] ?? '', new RegExp(`^${DIGEST_A}: `));
  });
});
