import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { SqliteWatchStore } from './store-sqlite.ts';

// The shared store contract runs in test/watch/store.test.ts; this is what only SQLite has.
describe('SqliteWatchStore', () => {
  it('upgrades a version 1 store: its alerts were sent when recorded, so none is pending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-store-v1-'));
    try {
      const path = join(dir, 'watch.db');
      const old = new DatabaseSync(path);
      old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE alerts (digest TEXT NOT NULL, vulnerability TEXT NOT NULL, package TEXT NOT NULL, severity TEXT NOT NULL, first_seen TEXT NOT NULL, PRIMARY KEY (digest, vulnerability, package));
        INSERT INTO meta VALUES ('store-version', '1');
        INSERT INTO alerts VALUES ('sha256:aa', 'GHSA-1', 'pkg:npm/x@1', 'high', '2026-11-01T00:00:00.000Z');`);
      old.close();
      const store = new SqliteWatchStore(path);
      const now = new Date('2026-11-27T12:00:00.000Z');
      assert.deepEqual(await store.claimPending('me', now, 60_000), []);
      assert.deepEqual((await store.alerts()).map((a) => [a.vulnerability, a.details]), [['GHSA-1', { title: '', message: '', fixedVersions: [] }]]);
      assert.equal(await store.meta('store-version'), '2');
      assert.deepEqual(await store.addAlerts([{ digest: 'sha256:aa', vulnerability: 'GHSA-1', package: 'pkg:npm/x@1', severity: 'high', details: { title: 't', message: 'm', fixedVersions: [] } }], now), []);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
