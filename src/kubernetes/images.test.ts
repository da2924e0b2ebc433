import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../core/index.ts';
import { fullImageName, isUnderPrefix } from './images.ts';

const FULL_NAMES = [
  ['nginx', 'docker.io/library/nginx'],
  ['nginx:1.27@sha256:abc', 'docker.io/library/nginx'],
  ['bitnami/redis:7', 'docker.io/bitnami/redis'],
  ['index.docker.io/library/nginx', 'docker.io/library/nginx'],
  ['GHCR.io/acme/api:1', 'ghcr.io/acme/api'],
  ['localhost:5000/app', 'localhost:5000/app'],
] as const;

const PREFIXES = [
  ['docker.io/library/nginx', 'docker.io', true],
  ['docker.io/library/nginx', 'index.docker.io/library/', true],
  ['ghcr.io/acme/api', 'ghcr.io/acme', true],
  ['ghcr.io/acme-evil/api', 'ghcr.io/acme', false],
  ['ghcr.io/acme/api', 'ghcr.io/acme/api', true],
  ['gcr.io.evil.com/x', 'gcr.io', false],
  ['gcr.io/x', '', false],
] as const;

describe('fullImageName', () => {
  for (const [image, expected] of FULL_NAMES) {
    it(image, () => {
      const reference = parseImageReference(image);
      assert.ok(reference !== undefined);
      assert.equal(fullImageName(reference), expected);
    });
  }
});

describe('isUnderPrefix', () => {
  for (const [name, prefix, expected] of PREFIXES) {
    it(`${name} under "${prefix}"`, () => assert.equal(isUnderPrefix(name, prefix), expected));
  }
});
