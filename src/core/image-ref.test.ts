import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReferenceParts } from './image-ref.ts';

/** [reference, registry, repository, tag, digest] */
const CASES: readonly (readonly [string, string | undefined, string, string | undefined, string | undefined])[] = [
  ['node', undefined, 'node', undefined, undefined],
  ['node:20-alpine', undefined, 'node', '20-alpine', undefined],
  ['library/node:20', undefined, 'library/node', '20', undefined],
  ['docker.io/library/node:20', 'docker.io', 'library/node', '20', undefined],
  ['localhost/app', 'localhost', 'app', undefined, undefined],
  ['localhost:5000/team/app:1.0', 'localhost:5000', 'team/app', '1.0', undefined],
  ['registry.example.com:5000/app', 'registry.example.com:5000', 'app', undefined, undefined],
  ['alpine@sha256:abc', undefined, 'alpine', undefined, 'sha256:abc'],
  ['gcr.io/distroless/static:nonroot@sha256:abc', 'gcr.io', 'distroless/static', 'nonroot', 'sha256:abc'],
  ['node:', undefined, 'node', undefined, undefined],
  ['node@', undefined, 'node', undefined, undefined],
  ['', undefined, '', undefined, undefined],
];

describe('parseReferenceParts', () => {
  for (const [reference, registry, repository, tag, digest] of CASES) {
    it(JSON.stringify(reference), () => {
      const parts = parseReferenceParts(reference);
      assert.deepEqual([parts.registry, parts.repository, parts.tag, parts.digest], [registry, repository, tag, digest]);
    });
  }

  it('gives the spans of name, tag and digest', () => {
    const parts = parseReferenceParts('gcr.io/a:b@sha256:c');
    assert.deepEqual([parts.nameSpan, parts.tagSpan, parts.digestSpan], [
      { start: 0, end: 8 },
      { start: 9, end: 10 },
      { start: 11, end: 19 },
    ]);
  });
});
