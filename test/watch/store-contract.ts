// The contract every watch store keeps (SQLite and PostgreSQL run the same cases): what is stored
// once, what is sorted, which of two racing writers records an alert, and how the outbox is claimed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openWatchStore } from '../../src/watch/open-store.ts';
import type { NewAlert, WatchStore } from '../../src/watch/store.ts';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const DIGEST_C = `sha256:${'c'.repeat(64)}`;
const NOW = new Date('2026-11-27T12:00:00.000Z');
const LATER = new Date('2026-11-27T12:05:00.000Z');
const MUCH_LATER = new Date('2026-11-27T13:00:00.000Z');
const LEASE = 10 * 60_000;

function alert(digest: string, vulnerability: string, pkg = 'pkg:npm/lodash@4.17.20'): NewAlert {
  return { digest, vulnerability, package: pkg, severity: 'high', details: { title: `${vulnerability} title`, message: 'lodash 4.17.20 is vulnerable', fixedVersions: ['4.17.21'] } };
}

async function using<T>(location: string, work: (store: WatchStore) => Promise<T>): Promise<T> {
  const store = await openWatchStore(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Defines the contract's tests; `fresh` gives the location of a new, empty store each time. */
export function storeContract(fresh: () => Promise<string>): void {
  it('stores an SBOM once per digest, keeps the first, and lists digests sorted', async () => {
    await using(await fresh(), async (store) => {
      await store.putImage(DIGEST_B, '{"second": true}', NOW);
      await store.putImage(DIGEST_A, '{"first": "é ✓"}', NOW);
      await store.putImage(DIGEST_A, 'replaced?', LATER);
      assert.deepEqual(await store.digests(), [DIGEST_A, DIGEST_B]);
      assert.deepEqual([...(await store.sboms([DIGEST_C, DIGEST_A]))], [[DIGEST_A, '{"first": "é ✓"}']]);
      assert.deepEqual([await store.hasImage(DIGEST_A), await store.hasImage(DIGEST_C)], [true, false]);
    });
  });

  it('keeps the last digest a reference resolved to, and lists references sorted', async () => {
    await using(await fresh(), async (store) => {
      await store.putReference({ reference: 'registry.example.com/web:2', digest: DIGEST_A }, NOW);
      await store.putReference({ reference: 'registry.example.com/web:1', digest: DIGEST_A }, NOW);
      await store.putReference({ reference: 'registry.example.com/web:1', digest: DIGEST_B }, LATER);
      assert.deepEqual(await store.referencesOf(DIGEST_A), ['registry.example.com/web:2']);
      assert.deepEqual(await store.referencesOf(DIGEST_B), ['registry.example.com/web:1']);
      assert.deepEqual(await store.referencesOf(DIGEST_C), []);
    });
  });

  it('overwrites meta values', async () => {
    await using(await fresh(), async (store) => {
      assert.equal(await store.meta('database-built-at'), undefined);
      await store.setMeta('database-built-at', '2026-11-01T00:00:00Z');
      await store.setMeta('database-built-at', '2026-11-02T00:00:00Z');
      assert.equal(await store.meta('database-built-at'), '2026-11-02T00:00:00Z');
    });
  });

  it('records each alert once, within a batch and across batches, and returns only the new ones', async () => {
    await using(await fresh(), async (store) => {
      const first = await store.addAlerts([alert(DIGEST_B, 'GHSA-2'), alert(DIGEST_A, 'GHSA-1'), alert(DIGEST_B, 'GHSA-2')], NOW);
      assert.deepEqual(first.map((a) => `${a.digest.slice(7, 8)} ${a.vulnerability} ${a.firstSeen}`), ['b GHSA-2 2026-11-27T12:00:00.000Z', 'a GHSA-1 2026-11-27T12:00:00.000Z']);
      const second = await store.addAlerts([alert(DIGEST_A, 'GHSA-1'), alert(DIGEST_A, 'GHSA-3')], LATER);
      assert.deepEqual(second.map((a) => a.vulnerability), ['GHSA-3']);
      assert.deepEqual(await store.addAlerts([], LATER), []);
      const all = await store.alerts();
      assert.deepEqual(all.map((a) => `${a.digest.slice(7, 8)} ${a.vulnerability} ${a.firstSeen}`), ['a GHSA-1 2026-11-27T12:00:00.000Z', 'a GHSA-3 2026-11-27T12:05:00.000Z', 'b GHSA-2 2026-11-27T12:00:00.000Z']);
      assert.deepEqual(all[0]?.details, { title: 'GHSA-1 title', message: 'lodash 4.17.20 is vulnerable', fixedVersions: ['4.17.21'] });
    });
  });

  it('lets only one of two stores racing on the same alerts record each', async () => {
    const location = await fresh();
    await using(location, async (left) => {
      await using(location, async (right) => {
        const batch = Array.from({ length: 200 }, (_, index) => alert(index % 2 === 0 ? DIGEST_A : DIGEST_B, `GHSA-${index}`));
        const [a, b] = await Promise.all([left.addAlerts(batch, NOW), right.addAlerts([...batch].reverse(), NOW)]);
        assert.equal(a.length + b.length, 200);
        const keys = new Set([...a, ...b].map((x) => `${x.digest} ${x.vulnerability}`));
        assert.equal(keys.size, 200);
        assert.equal((await left.alerts()).length, 200);
      });
    });
  });

  it('hands the outbox to one deliverer at a time, lets a dead one’s claim lapse, and remembers each sink', async () => {
    const location = await fresh();
    await using(location, async (store) => {
      await store.addAlerts([alert(DIGEST_B, 'GHSA-2'), alert(DIGEST_A, 'GHSA-1')], NOW);
      const claimed = await store.claimPending('watcher-1', NOW, LEASE);
      assert.deepEqual(claimed.map((a) => [a.digest.slice(7, 8), a.vulnerability, a.deliveredTo]), [['a', 'GHSA-1', []], ['b', 'GHSA-2', []]]);
      await using(location, async (other) => {
        assert.deepEqual(await other.claimPending('watcher-2', LATER, LEASE), [], 'claimed by watcher-1 until its lease ends');
      });
      // watcher-1 delivers to stdout only, then dies: its claim lapses and watcher-2 sees what stdout has.
      await store.recordDelivery([claimed[0] ?? alert(DIGEST_A, 'GHSA-1')], 'stdout', LATER);
      const retaken = await store.claimPending('watcher-2', MUCH_LATER, LEASE);
      assert.deepEqual(retaken.map((a) => [a.vulnerability, a.deliveredTo]), [['GHSA-1', ['stdout']], ['GHSA-2', []]]);
      await store.recordDelivery(retaken, 'stdout', MUCH_LATER);
      await store.recordDelivery(retaken, 'stdout', MUCH_LATER);
      await store.finishDelivery('watcher-2', retaken.slice(0, 1), MUCH_LATER);
      // GHSA-2 was not finished: the claim is dropped at once, and it is pending again.
      const left = await store.claimPending('watcher-1', MUCH_LATER, LEASE);
      assert.deepEqual(left.map((a) => [a.vulnerability, a.deliveredTo]), [['GHSA-2', ['stdout']]]);
      await store.finishDelivery('watcher-1', left, MUCH_LATER);
      assert.deepEqual(await store.claimPending('watcher-1', MUCH_LATER, LEASE), []);
      assert.equal((await store.alerts()).length, 2);
    });
  });

  it('refuses a store written by another store version, naming it', async () => {
    const location = await fresh();
    await using(location, (store) => store.setMeta('store-version', '9'));
    await assert.rejects(openWatchStore(location), (error: Error & { code?: string }) => error.code === 'DB_INVALID' && /version 9; this Palisade reads version 2/.test(error.message));
  });
}
