/**
 * The OCI 1.1 referrers API against a node:http fake (Debian's docker-registry 2.8 does not implement
 * it; write.test.ts covers the tag-schema fallback on the real one).
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../../core/index.ts';
import type { FakeHttpServer } from '../../../../test/fake-http.ts';
import { startFakeHttp } from '../../../../test/fake-http.ts';
import { sha256 } from '../../../../test/image/oci-builder.ts';
import { openRegistryClient } from './client.ts';
import { listReferrers, parseReferrerIndex, pushReferrer } from './referrers.ts';

const SUBJECT = `sha256:${'a'.repeat(64)}`;
const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

type Fake = FakeHttpServer;

/** The fake registry, with each request's body read before the handler sees it. */
function startFake(handler: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void): Promise<Fake> {
  return startFakeHttp((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks)));
  });
}

const options = (host: string): Parameters<typeof openRegistryClient>[1] => ({ insecureRegistries: [host], env: { PATH: '', HOME: '/nonexistent' }, timeoutMs: 2000 });

describe('referrers API (fake registry)', () => {
  it('reads the API answer and filters by artifactType even when the registry ignores the query', async () => {
    const index = { schemaVersion: 2, mediaType: INDEX_TYPE, manifests: [
      { mediaType: MANIFEST_TYPE, digest: `sha256:${'b'.repeat(64)}`, size: 10, artifactType: 'application/x.sig' },
      { mediaType: MANIFEST_TYPE, digest: `sha256:${'c'.repeat(64)}`, size: 11, artifactType: 'application/x.sbom', annotations: { a: '1' } },
    ] };
    const fake = await startFake((_request, response) => response.writeHead(200, { 'content-type': INDEX_TYPE }).end(JSON.stringify(index)));
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, options(fake.host));
    try {
      assert.deepEqual(await listReferrers(client, SUBJECT), { via: 'api', referrers: [
        { mediaType: MANIFEST_TYPE, digest: `sha256:${'b'.repeat(64)}`, size: 10, artifactType: 'application/x.sig' },
        { mediaType: MANIFEST_TYPE, digest: `sha256:${'c'.repeat(64)}`, size: 11, artifactType: 'application/x.sbom', annotations: { a: '1' } },
      ] });
      assert.deepEqual((await listReferrers(client, SUBJECT, 'application/x.sbom')).referrers.map((referrer) => referrer.size), [11]);
      assert.deepEqual(fake.requests, [`GET /v2/app/referrers/${SUBJECT}`, `GET /v2/app/referrers/${SUBJECT}?artifactType=application%2Fx.sbom`]);
    } finally {
      client.close();
      await fake.close();
    }
  });

  it('trusts a registry that answers OCI-Subject and does not touch the fallback tag', async () => {
    const fake = await startFake((request, response) => {
      response.writeHead(201, { 'oci-subject': SUBJECT, 'docker-content-digest': sha256(Buffer.from('{"subject":1}')) }).end();
      assert.equal(request.headers['content-type'], MANIFEST_TYPE);
    });
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, options(fake.host));
    try {
      const manifest = Buffer.from('{"subject":1}');
      assert.deepEqual(await pushReferrer(client, manifest, MANIFEST_TYPE, SUBJECT, 'application/x.sig'), { digest: sha256(manifest), via: 'api' });
      assert.deepEqual(fake.requests, [`PUT /v2/app/manifests/${sha256(manifest)}`]);
    } finally {
      client.close();
      await fake.close();
    }
  });

  it('falls back to the tag when the referrers endpoint answers 404 with a non-index body', async () => {
    const fake = await startFake((request, response) => {
      if (request.url === `/v2/app/manifests/sha256-${'a'.repeat(64)}`) {
        response.writeHead(200, { 'content-type': INDEX_TYPE }).end(JSON.stringify({ schemaVersion: 2, mediaType: INDEX_TYPE, manifests: [] }));
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    });
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, options(fake.host));
    try {
      assert.deepEqual(await listReferrers(client, SUBJECT), { via: 'tag', referrers: [] });
    } finally {
      client.close();
      await fake.close();
    }
  });
});

describe('tag list (fake registry)', () => {
  it('follows Link pagination and ignores a Link to another repository', async () => {
    const fake = await startFake((request, response) => {
      if (request.url === '/v2/app/tags/list?n=1000') {
        response.writeHead(200, { 'content-type': 'application/json', link: '</v2/app/tags/list?n=1000&last=b>; rel="next"' }).end('{"name":"app","tags":["a","b"]}');
        return;
      }
      if (request.url === '/v2/app/tags/list?n=1000&last=b') {
        response.writeHead(200, { 'content-type': 'application/json', link: '</v2/other/tags/list?n=1000&last=z>; rel="next"' }).end('{"name":"app","tags":["c",7,null]}');
        return;
      }
      response.writeHead(404).end();
    });
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, options(fake.host));
    try {
      assert.deepEqual(await client.listTags(), ['a', 'b', 'c']);
      assert.deepEqual(fake.requests, ['GET /v2/app/tags/list?n=1000', 'GET /v2/app/tags/list?n=1000&last=b']);
    } finally {
      client.close();
      await fake.close();
    }
  });
});

describe('parseReferrerIndex on hostile input', () => {
  const table: readonly { name: string; input: string; message: string }[] = [
    { name: 'truncated JSON', input: '{"manifests":[', message: /^idx is not valid JSON: /.source },
    { name: 'not an index', input: '{"layers":[]}', message: /^idx is not an image index \(no "manifests" array\)\.$/.source },
    { name: 'a bad digest', input: '{"manifests":[{"mediaType":"x","digest":"sha256:zz","size":1}]}', message: /^idx: manifests\[0\] has an invalid digest "sha256:zz"\.$/.source },
    { name: 'a negative size', input: `{"manifests":[{"mediaType":"x","digest":"${SUBJECT}","size":-1}]}`, message: /^idx: manifests\[0\] has an invalid size -1\.$/.source },
  ];
  for (const row of table) {
    it(`refuses ${row.name} with IMAGE_INVALID`, () => {
      assert.throws(() => parseReferrerIndex(Buffer.from(row.input), 'idx'), (error: unknown) => {
        assert.ok(isPalisadeError(error));
        assert.equal(error.code, 'IMAGE_INVALID');
        assert.match(error.message, new RegExp(row.message));
        return true;
      });
    });
  }

  it('reads a huge index of valid entries', () => {
    const manifests = Array.from({ length: 20_000 }, (_, i) => ({ mediaType: MANIFEST_TYPE, digest: `sha256:${i.toString(16).padStart(64, '0')}`, size: i }));
    assert.equal(parseReferrerIndex(Buffer.from(JSON.stringify({ manifests })), 'idx').length, 20_000);
  });
});
