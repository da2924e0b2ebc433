import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../core/index.ts';
import type { CachedLayer } from './store.ts';
import { cleanCache, defaultCachePath, openLayerCache } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palisade-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FINDING: Finding = { ruleId: 'SEC-0001', slug: 's', messageId: 'secret', aliases: [], kind: 'secret', severity: 'high', title: 't', message: 'm', location: { path: '/app/.env', startLine: 1 }, compliance: [], fingerprint: 'f' };
const LAYER: CachedLayer = {
  entries: [
    { path: 'app', type: 'directory', size: 0 },
    { path: 'app/.env', type: 'file', size: 12 },
    { path: 'etc/os-release', type: 'symlink', size: 0, target: '../usr/lib/os-release' },
  ],
  files: new Map([['var/lib/dpkg/status', new Uint8Array([80, 97])]]),
  findings: [FINDING],
  errors: [{ path: '/big', code: 'FILE_TOO_LARGE', message: 'too large' }],
};

describe('layer cache', () => {
  it('stores and returns a layer by (digest, analysis key), counting hits and misses', () => {
    const path = join(dir, 'a', 'cache.sqlite');
    const cache = openLayerCache(path);
    assert.equal(cache.get('sha256:1', 'k'), undefined);
    cache.put('sha256:1', 'k', LAYER);
    cache.put('sha256:1', 'k', LAYER);
    assert.deepEqual(cache.get('sha256:1', 'k'), LAYER);
    assert.equal(cache.get('sha256:1', 'other'), undefined);
    assert.deepEqual(cache.stats(), { hits: 1, misses: 2, writes: 2 });
    cache.close();
    cache.close();
    const reopened = openLayerCache(path);
    assert.deepEqual(reopened.get('sha256:1', 'k'), LAYER);
    assert.deepEqual(reopened.stats(), { hits: 1, misses: 0, writes: 0 });
    reopened.close();
  });

  it('uses WAL and a busy timeout, and lets two connections share the file', () => {
    const path = join(dir, 'shared.sqlite');
    const first = openLayerCache(path);
    const second = openLayerCache(path);
    first.put('sha256:2', 'k', LAYER);
    assert.deepEqual(second.get('sha256:2', 'k')?.entries, LAYER.entries);
    const raw = new DatabaseSync(path);
    assert.equal(raw.prepare('PRAGMA journal_mode').get()?.['journal_mode'], 'wal');
    raw.close();
    first.close();
    second.close();
  });

  it('treats an undecodable row as a miss', () => {
    const path = join(dir, 'corrupt-row.sqlite');
    openLayerCache(path).close();
    const raw = new DatabaseSync(path);
    raw.prepare("INSERT INTO layers (digest, analysis, entries, findings, errors, stored_at) VALUES ('sha256:3', 'k', x'00', '[]', '[]', 0)").run();
    raw.close();
    const cache = openLayerCache(path);
    assert.equal(cache.get('sha256:3', 'k'), undefined);
    assert.deepEqual(cache.stats(), { hits: 0, misses: 1, writes: 0 });
    cache.close();
  });

  it('empties a cache written with another schema version', () => {
    const path = join(dir, 'old.sqlite');
    const cache = openLayerCache(path);
    cache.put('sha256:4', 'k', LAYER);
    cache.close();
    const raw = new DatabaseSync(path);
    raw.prepare("UPDATE meta SET value = '0' WHERE key = 'schema'").run();
    raw.close();
    const reopened = openLayerCache(path);
    assert.equal(reopened.get('sha256:4', 'k'), undefined);
    reopened.close();
  });

  it('refuses a file that is not a cache with DB_INVALID naming it', () => {
    const path = join(dir, 'not-a-db.sqlite');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    assert.throws(() => openLayerCache(path), (error: unknown) => error instanceof Error && 'code' in error && error.code === 'DB_INVALID' && error.message.includes(path) && error.message.includes('palisade cache clean'));
  });

  it('cleanCache removes the file and its WAL companions', async () => {
    const path = join(dir, 'clean.sqlite');
    const cache = openLayerCache(path);
    cache.put('sha256:5', 'k', LAYER);
    cache.close();
    const removed = await cleanCache(path);
    assert.equal(removed.removed, true);
    assert.ok(removed.bytes > 0);
    assert.equal(existsSync(path), false);
    assert.deepEqual(await cleanCache(path), { removed: false, bytes: 0 });
  });

  it('defaultCachePath follows PALISADE_CACHE_DIR, then XDG_CACHE_HOME, then HOME', () => {
    assert.equal(defaultCachePath({ PALISADE_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' }), '/c/image-layers.sqlite');
    assert.equal(defaultCachePath({ XDG_CACHE_HOME: '/x', HOME: '/h' }), '/x/palisade/image-layers.sqlite');
    assert.equal(defaultCachePath({ HOME: '/h' }), '/h/.cache/palisade/image-layers.sqlite');
  });
});
