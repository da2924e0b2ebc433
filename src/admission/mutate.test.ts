import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../kubernetes/index.ts';
import type { ImageVerifier } from './image-verifier.ts';
import { applyPatch, encodePatch, pinVerifiedImages } from './mutate.ts';
import type { AdmissionRequest } from './review.ts';

const DIGEST = `sha256:${'c'.repeat(64)}`;

const deployment: JsonObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    template: {
      spec: {
        initContainers: [{ name: 'init', image: 'busybox:1.36' }],
        containers: [
          { name: 'signed', image: 'registry.example.com/web:1.0' },
          { name: 'pinned', image: `registry.example.com/web@${DIGEST}` },
          { name: 'unsigned', image: 'registry.example.com/other:2' },
          { name: 'offline', image: 'down.example.com/x:1' },
        ],
      },
    },
  },
};

const verifier: ImageVerifier = {
  verify: async (reference) => {
    if (reference.startsWith('down.')) throw new Error('unreachable');
    if (reference.includes('other')) return { verified: false, digest: DIGEST, message: 'no signature' };
    return { verified: true, digest: DIGEST };
  },
};

function request(object: JsonObject, operation: AdmissionRequest['operation'] = 'CREATE'): AdmissionRequest {
  return { uid: 'u', operation, namespace: 'shop', object, oldObject: undefined, dryRun: false, userInfo: {} };
}

test('pins the images that pass to the verified digest; leaves the others, saying why', async () => {
  const pinned = await pinVerifiedImages(request(deployment), verifier, AbortSignal.timeout(5000));
  assert.deepEqual(pinned.patch, [
    { op: 'replace', path: '/spec/template/spec/containers/0/image', value: `registry.example.com/web:1.0@${DIGEST}` },
    { op: 'replace', path: '/spec/template/spec/initContainers/0/image', value: `busybox:1.36@${DIGEST}` },
  ]);
  assert.deepEqual(pinned.notes, ['image registry.example.com/other:2 was not pinned: it did not pass verification', 'image down.example.com/x:1 was not pinned: it could not be checked']);
  const patched = JSON.stringify(applyPatch(deployment, pinned.patch));
  assert.ok(patched.includes(`"image":"registry.example.com/web:1.0@${DIGEST}"`));
  assert.ok(patched.includes(`"image":"busybox:1.36@${DIGEST}"`));
  assert.deepEqual(JSON.parse(Buffer.from(encodePatch(pinned.patch), 'base64').toString('utf8')), pinned.patch);
});

test('only CREATEs of objects with a pod spec are pinned', async () => {
  assert.deepEqual(await pinVerifiedImages(request(deployment, 'UPDATE'), verifier, AbortSignal.timeout(5000)), { patch: [], notes: [] });
  assert.deepEqual(await pinVerifiedImages(request({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), verifier, AbortSignal.timeout(5000)), { patch: [], notes: [] });
});

test('a patch path that does not exist is refused', () => {
  assert.throws(() => applyPatch(deployment, [{ op: 'replace', path: '/spec/nothing/here', value: 'x' }]), /^Error: patch path \/spec\/nothing\/here does not exist$/);
});
