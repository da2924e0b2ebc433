import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/index.ts';
import { generateKeyPair } from '../keys/index.ts';
import type { ImageRequirements, ImageVerification } from '../verify/index.ts';
import { decodeVerification, openVerificationCache, requirementKey } from './cache.ts';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const first = { name: 'release', key: generateKeyPair().publicKey };
const second = { name: 'ci', key: generateKeyPair().publicKey };

const base: ImageRequirements = { signatureKeys: [first], signatureCount: 1, attestations: [], policies: ['command line'] };
const withAttestation = (maxAgeSeconds?: number): ImageRequirements => ({
  ...base,
  attestations: [{ predicateType: 'https://cyclonedx.org/bom', name: 'cyclonedx', keys: [first], conditions: [], ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) }],
});

const passing: ImageVerification = {
  reference: 'r/app:v1',
  digest: DIGEST,
  ok: true,
  checks: [{ kind: 'signature', name: 'signature by key "release"', ok: true, reason: 'verified', message: 'signed by key "release"' }],
  items: [{ kind: 'signature', source: 'tag x.sig, layer 0', ok: true, reason: 'verified', message: 'signed', keyName: 'release' }],
};

async function withDir(body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-verify-cache-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('requirementKey', () => {
  it('is stable, order-free over keys, and changes with keys, counts, types, ages and policy bytes', () => {
    const key = requirementKey(base);
    assert.equal(requirementKey({ ...base }), key);
    assert.equal(requirementKey({ ...base, signatureKeys: [first, second] }), requirementKey({ ...base, signatureKeys: [second, first] }));
    const variants = [
      requirementKey({ ...base, signatureKeys: [second] }),
      requirementKey({ ...base, signatureKeys: [first, second] }),
      requirementKey({ ...base, signatureCount: 2 }),
      requirementKey(withAttestation()),
      requirementKey(withAttestation(3600)),
      requirementKey(withAttestation(7200)),
      requirementKey(base, 'policy bytes'),
    ];
    assert.equal(new Set([key, ...variants]).size, variants.length + 1);
  });
});

describe('verification cache', () => {
  it('keeps a pass until it is no longer valid, and never keeps a failure', async () => {
    await withDir((dir) => {
      const cache = openVerificationCache(join(dir, 'v.sqlite'));
      try {
        cache.put(passing, 'k', 1000, 5000);
        assert.deepEqual(cache.get(DIGEST, 'k', 4999), passing);
        assert.equal(cache.get(DIGEST, 'k', 5001), undefined);
        assert.equal(cache.get(DIGEST, 'other', 2000), undefined);
        cache.put({ ...passing, digest: `sha256:${'f'.repeat(64)}`, ok: false }, 'k', 1000, 5000);
        assert.equal(cache.get(`sha256:${'f'.repeat(64)}`, 'k', 2000), undefined);
        cache.put(passing, 'expired', 1000, 1000);
        assert.equal(cache.get(DIGEST, 'expired', 1000), undefined);
      } finally {
        cache.close();
      }
      const database = new DatabaseSync(join(dir, 'v.sqlite'));
      assert.equal(database.prepare('PRAGMA journal_mode').get()?.['journal_mode'], 'wal');
      database.close();
    });
  });

  it('treats a row it cannot decode as a miss', async () => {
    await withDir((dir) => {
      const path = join(dir, 'v.sqlite');
      openVerificationCache(path).close();
      const database = new DatabaseSync(path);
      database.prepare('INSERT INTO verifications VALUES (?, ?, ?, ?, ?)').run(DIGEST, 'k', '{"digest":', 0, 10_000);
      database.close();
      const cache = openVerificationCache(path);
      assert.equal(cache.get(DIGEST, 'k', 1), undefined);
      cache.close();
    });
  });

  it('names a file that is not a cache with DB_INVALID', async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'not-sqlite');
      await writeFile(path, 'this is not a database, it is text that goes on and on '.repeat(100));
      assert.throws(() => openVerificationCache(path), (error: unknown) => {
        assert.ok(isPalisadeError(error));
        assert.equal(error.code, 'DB_INVALID');
        assert.match(error.message, /^Cannot use the verification cache ".*not-sqlite": .*\. Delete the file or run with --no-cache\.$/);
        return true;
      });
    });
  });
});

describe('decodeVerification', () => {
  const table: readonly { name: string; text: string }[] = [
    { name: 'truncated JSON', text: '{"ok":tr' },
    { name: 'another digest', text: JSON.stringify({ ...passing, digest: `sha256:${'0'.repeat(64)}` }) },
    { name: 'a failure', text: JSON.stringify({ ...passing, ok: false }) },
    { name: 'no checks', text: JSON.stringify({ ...passing, checks: [] }) },
    { name: 'a failing check', text: JSON.stringify({ ...passing, checks: [{ ...passing.checks[0], ok: false }] }) },
  ];
  for (const row of table) {
    it(`refuses ${row.name}`, () => {
      assert.equal(decodeVerification(row.text, DIGEST), undefined);
    });
  }
});
