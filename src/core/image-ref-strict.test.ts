import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageReference } from './image-ref.ts';
import { parseImageReference } from './image-ref.ts';

const DIGEST = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

const CASES: readonly (readonly [string, ImageReference | undefined])[] = [
  ['nginx', { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined }],
  ['nginx:1.27.0', { registry: undefined, repository: 'nginx', tag: '1.27.0', digest: undefined }],
  ['nginx:latest', { registry: undefined, repository: 'nginx', tag: 'latest', digest: undefined }],
  ['library/nginx:1.27', { registry: undefined, repository: 'library/nginx', tag: '1.27', digest: undefined }],
  ['docker.io/library/nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: undefined }],
  ['ghcr.io/org/team/app:v2', { registry: 'ghcr.io', repository: 'org/team/app', tag: 'v2', digest: undefined }],
  ['localhost/app', { registry: 'localhost', repository: 'app', tag: undefined, digest: undefined }],
  ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app', tag: undefined, digest: undefined }],
  ['registry:5000/ns/app:1.0', { registry: 'registry:5000', repository: 'ns/app', tag: '1.0', digest: undefined }],
  ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1', digest: undefined }],
  ['myhost/app', { registry: undefined, repository: 'myhost/app', tag: undefined, digest: undefined }],
  [`nginx@${DIGEST}`, { registry: undefined, repository: 'nginx', tag: undefined, digest: DIGEST }],
  [`nginx:1.27@${DIGEST}`, { registry: undefined, repository: 'nginx', tag: '1.27', digest: DIGEST }],
  [`quay.io/app:latest@${DIGEST}`, { registry: 'quay.io', repository: 'app', tag: 'latest', digest: DIGEST }],
  ['', undefined],
  ['nginx:', undefined],
  ['nginx@', undefined],
  ['nginx@sha256', undefined],
  ['nginx 1.27', undefined],
  [' nginx', undefined],
  ['example.com/', undefined],
  ['a//b', undefined],
];

describe('parseImageReference', () => {
  for (const [text, expected] of CASES) {
    it(JSON.stringify(text), () => assert.deepEqual(parseImageReference(text), expected));
  }
});
