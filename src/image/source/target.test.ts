import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/index.ts';
import { parseImageTarget } from './target.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const VALID: readonly [string, Record<string, unknown>][] = [
  ['oci:./layout', { transport: 'oci', path: './layout' }],
  ['oci:./layout:v1.2', { transport: 'oci', path: './layout', tag: 'v1.2' }],
  [`oci:/abs/layout@${DIGEST}`, { transport: 'oci', path: '/abs/layout', digest: DIGEST }],
  ['oci:dir.v2/sub', { transport: 'oci', path: 'dir.v2/sub' }],
  ['docker-archive:img.tar', { transport: 'docker-archive', path: 'img.tar' }],
  ['docker-archive:img.tar:alpine:3.19', { transport: 'docker-archive', path: 'img.tar', ref: 'alpine:3.19' }],
  ['docker-archive:img.tar:@1', { transport: 'docker-archive', path: 'img.tar', index: 1 }],
  ['docker://alpine', { transport: 'docker', registry: 'docker.io', host: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' }],
  ['docker://docker.io/alpine:3.19', { transport: 'docker', registry: 'docker.io', host: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.19' }],
  ['docker://index.docker.io/bitnami/redis:7', { transport: 'docker', registry: 'docker.io', host: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7' }],
  ['docker://ghcr.io/org/team/app:v1', { transport: 'docker', registry: 'ghcr.io', host: 'ghcr.io', repository: 'org/team/app', tag: 'v1' }],
  ['docker://127.0.0.1:5000/app', { transport: 'docker', registry: '127.0.0.1:5000', host: '127.0.0.1:5000', repository: 'app', tag: 'latest' }],
  [`docker://localhost/app@${DIGEST}`, { transport: 'docker', registry: 'localhost', host: 'localhost', repository: 'app', digest: DIGEST }],
  [`docker://quay.io/a/b:v1@${DIGEST}`, { transport: 'docker', registry: 'quay.io', host: 'quay.io', repository: 'a/b', digest: DIGEST }],
];

const INVALID: readonly [string, string][] = [
  ['alpine', 'Invalid image reference "alpine": it names no transport.'],
  ['podman:alpine', 'Invalid image reference "podman:alpine": the transport "podman" is not supported.'],
  ['oci:', 'Invalid image reference "oci:": the path is empty.'],
  ['oci:dir:', 'Invalid image reference "oci:dir:": the tag after ":" is empty.'],
  ['oci:dir@sha256:abc', 'Invalid image reference "oci:dir@sha256:abc": "sha256:abc" is not a sha256 or sha512 digest.'],
  ['docker-archive:', 'Invalid image reference "docker-archive:": the path is empty.'],
  ['docker-archive:x.tar:', 'Invalid image reference "docker-archive:x.tar:": the image name after ":" is empty.'],
  ['docker-archive:x.tar:@one', 'Invalid image reference "docker-archive:x.tar:@one": "@one" is not @<index>.'],
  ['docker:alpine', 'Invalid image reference "docker:alpine": the registry transport is written docker://.'],
  ['docker://', 'Invalid image reference "docker://": the image name is empty or contains whitespace.'],
  ['docker://Alpine', 'Invalid image reference "docker://Alpine": the repository component "Alpine" is not lowercase letters, digits and separators.'],
  ['docker://a//b', 'Invalid image reference "docker://a//b": the repository component "" is not lowercase letters, digits and separators.'],
  ['docker://alpine:', 'Invalid image reference "docker://alpine:": the tag after ":" is empty.'],
  ['docker://alpine:-bad', 'Invalid image reference "docker://alpine:-bad": "-bad" is not a valid tag.'],
  ['docker://alpine@sha256:xyz', 'Invalid image reference "docker://alpine@sha256:xyz": "sha256:xyz" is not a sha256 or sha512 digest.'],
  [`docker://${'a'.repeat(10)} b`, `Invalid image reference "docker://${'a'.repeat(10)} b": the image name is empty or contains whitespace.`],
];

describe('parseImageTarget', () => {
  for (const [text, expected] of VALID) {
    it(`parses ${text}`, () => {
      assert.deepEqual(parseImageTarget(text), { ...expected, reference: text });
    });
  }
  for (const [text, message] of INVALID) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseImageTarget(text), (error: unknown) => {
        assert.ok(isPalisadeError(error));
        assert.equal(error.code, 'USAGE');
        assert.ok(error.message.startsWith(message), error.message);
        assert.match(error.message, /Use oci:<dir>/);
        return true;
      });
    });
  }
  it('survives a huge reference', () => {
    const huge = `docker://${'a/'.repeat(50_000)}b:${'x'.repeat(200)}`;
    assert.throws(() => parseImageTarget(huge), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE');
  });
});
