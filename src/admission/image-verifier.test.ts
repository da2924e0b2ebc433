import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageVerdict, ImageVerifier } from './image-verifier.ts';
import { CachingImageVerifier, cacheKey, withAbort } from './image-verifier.ts';

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** A verifier whose answers the test releases by hand. */
class ManualVerifier implements ImageVerifier {
  readonly pending: { reference: string; resolve: (verdict: ImageVerdict) => void; reject: (error: Error) => void }[] = [];
  verify(reference: string): Promise<ImageVerdict> {
    return new Promise((resolve, reject) => this.pending.push({ reference, resolve, reject }));
  }
}

const never = (): AbortSignal => new AbortController().signal;

test('cache keys: a pinned digest alone, else the reference as written', () => {
  const table: readonly [string, string][] = [
    [`ghcr.io/acme/app@${DIGEST}`, DIGEST],
    [`ghcr.io/acme/app:1.0@${DIGEST}`, DIGEST],
    ['ghcr.io/acme/app:1.0', 'ghcr.io/acme/app:1.0'],
    ['app@sha256:short', 'app@sha256:short'],
    ['localhost:5000/app', 'localhost:5000/app'],
  ];
  for (const [reference, key] of table) assert.equal(cacheKey(reference), key, reference);
});

test('identical checks in flight share one call; the verdict is then cached', async () => {
  const inner = new ManualVerifier();
  const verifier = new CachingImageVerifier(inner);
  const first = verifier.verify(`a.example.com/x@${DIGEST}`, never());
  const second = verifier.verify(`b.example.com/other-name@${DIGEST}`, never());
  assert.equal(inner.pending.length, 1);
  inner.pending[0]?.resolve({ verified: true, digest: DIGEST });
  assert.deepEqual(await Promise.all([first, second]), [{ verified: true, digest: DIGEST }, { verified: true, digest: DIGEST }]);
  assert.deepEqual(await verifier.verify(`c.example.com/y@${DIGEST}`, never()), { verified: true, digest: DIGEST });
  assert.equal(verifier.calls, 1);
});

test('tag verdicts expire sooner than digest verdicts; the resolved digest is cached too', async () => {
  let now = 0;
  const inner = new ManualVerifier();
  const verifier = new CachingImageVerifier(inner, { tagTtlMs: 1000, digestTtlMs: 60_000, now: () => now });
  const tagged = verifier.verify('a.example.com/x:1', never());
  inner.pending[0]?.resolve({ verified: false, digest: DIGEST, message: 'no signature' });
  assert.deepEqual(await tagged, { verified: false, digest: DIGEST, message: 'no signature' });
  now = 2000;
  assert.deepEqual(await verifier.verify(`a.example.com/x@${DIGEST}`, never()), { verified: false, digest: DIGEST, message: 'no signature' });
  assert.equal(verifier.calls, 1);
  const again = verifier.verify('a.example.com/x:1', never());
  assert.equal(verifier.calls, 2, 'the tag verdict expired');
  inner.pending[1]?.resolve({ verified: true });
  assert.deepEqual(await again, { verified: true });
});

test('failures are not cached', async () => {
  const inner = new ManualVerifier();
  const verifier = new CachingImageVerifier(inner);
  const failed = verifier.verify('x:1', never());
  inner.pending[0]?.reject(new Error('registry unreachable'));
  await assert.rejects(failed, /registry unreachable/);
  const retried = verifier.verify('x:1', never());
  assert.equal(inner.pending.length, 2);
  inner.pending[1]?.resolve({ verified: true });
  assert.deepEqual(await retried, { verified: true });
});

test('a caller whose deadline passes stops waiting; the shared call goes on for the others', async () => {
  const inner = new ManualVerifier();
  const verifier = new CachingImageVerifier(inner);
  const controller = new AbortController();
  const impatient = verifier.verify('x:1', controller.signal);
  const patient = verifier.verify('x:1', never());
  controller.abort(new Error('deadline'));
  await assert.rejects(impatient, /deadline/);
  inner.pending[0]?.resolve({ verified: true });
  assert.deepEqual(await patient, { verified: true });
  await assert.rejects(withAbort(Promise.resolve(1), AbortSignal.abort(new Error('already'))), /already/);
});

test('the oldest verdicts are dropped past maxEntries', async () => {
  const inner: ImageVerifier = { verify: async (reference) => ({ verified: reference !== 'bad' }) };
  const verifier = new CachingImageVerifier(inner, { maxEntries: 2 });
  for (const reference of ['a', 'b', 'c']) await verifier.verify(reference, never());
  await verifier.verify('c', never());
  await verifier.verify('b', never());
  assert.equal(verifier.calls, 3);
  await verifier.verify('a', never());
  assert.equal(verifier.calls, 4);
});
