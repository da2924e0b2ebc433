/** cosign's layout: payloads, tags, manifests, and reading attachments from a hostile fake registry. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/index.ts';
import { openRegistryClient } from '../../image/source/registry/index.ts';
import { attachmentConfig, attachmentManifest, attachmentTag, referrerManifest, sha256 } from './layout.ts';
import { fetchAttachments, MAX_PAYLOAD_BYTES } from './read.ts';
import { buildSimpleSigningPayload, parseSimpleSigningPayload } from './simple-signing.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('simple-signing payload', () => {
  it('is byte for byte what cosign writes', () => {
    assert.equal(
      buildSimpleSigningPayload('registry.example/team/app', DIGEST).toString(),
      `{"critical":{"identity":{"docker-reference":"registry.example/team/app"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
    );
    assert.equal(
      buildSimpleSigningPayload('r/a', DIGEST, { team: 'payments' }).toString(),
      `{"critical":{"identity":{"docker-reference":"r/a"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":{"team":"payments"}}`,
    );
  });

  it('round-trips', () => {
    assert.deepEqual(parseSimpleSigningPayload(buildSimpleSigningPayload('r/a', DIGEST, { k: 'v' })), { ok: true, value: { dockerReference: 'r/a', manifestDigest: DIGEST, optional: { k: 'v' } } });
  });

  const hostile: readonly { name: string; input: string; error: string }[] = [
    { name: 'truncated JSON', input: '{"critical":{', error: 'the signed payload is not JSON' },
    { name: 'an array', input: '[]', error: 'the signed payload has no "critical" object' },
    { name: 'another type', input: `{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"atomic container signature"}}`, error: 'the signed payload\'s critical.type is "atomic container signature", not "cosign container image signature"' },
    { name: 'no digest', input: '{"critical":{"identity":{"docker-reference":"r"},"image":{},"type":"cosign container image signature"}}', error: 'the signed payload has no critical.image.docker-manifest-digest' },
    { name: 'a digest with junk', input: '{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"sha256:ABC; rm"},"type":"cosign container image signature"}}', error: 'the signed payload has no critical.image.docker-manifest-digest' },
    { name: 'no identity', input: `{"critical":{"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"}}`, error: 'the signed payload has no critical.identity.docker-reference' },
  ];
  for (const row of hostile) {
    it(`rejects ${row.name}`, () => {
      assert.deepEqual(parseSimpleSigningPayload(Buffer.from(row.input)), { ok: false, error: row.error });
    });
  }

  it('rejects a huge non-JSON payload without throwing', () => {
    assert.deepEqual(parseSimpleSigningPayload(Buffer.alloc(8 * 1024 * 1024, 0x7b)), { ok: false, error: 'the signed payload is not JSON' });
  });
});

describe('layout', () => {
  it('names the tags as cosign does', () => {
    assert.equal(attachmentTag(DIGEST, 'signature'), `sha256-${'a'.repeat(64)}.sig`);
    assert.equal(attachmentTag(DIGEST, 'attestation'), `sha256-${'a'.repeat(64)}.att`);
  });

  it('writes the manifest and config go-containerregistry writes for appended layers', () => {
    const layer = { mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', digest: DIGEST, size: 10, annotations: { 'dev.cosignproject.cosign/signature': 'c2ln' } };
    const config = attachmentConfig([layer]);
    assert.equal(config.toString(), `{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["${DIGEST}"]},"config":{}}`);
    assert.deepEqual(JSON.parse(attachmentManifest(config, [layer]).toString()), {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: sha256(config) },
      layers: [{ mediaType: layer.mediaType, size: 10, digest: DIGEST, annotations: layer.annotations }],
    });
    assert.deepEqual(JSON.parse(referrerManifest(layer, 'signature', { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: 99 }).toString()), {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2, digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' },
      layers: [{ mediaType: layer.mediaType, size: 10, digest: DIGEST, annotations: layer.annotations }],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: 99 },
    });
  });
});

/** A registry that serves `routes` (path → status, body) and records every request. */
async function withRegistry(routes: Readonly<Record<string, { status: number; body: Buffer | string; type?: string }>>, body: (host: string, requests: string[]) => Promise<void>): Promise<void> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    const route = routes[request.url ?? ''];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
      return;
    }
    response.writeHead(route.status, { 'content-type': route.type ?? 'application/vnd.oci.image.manifest.v1+json' }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  try {
    await body(`127.0.0.1:${address.port}`, requests);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const SIG_TAG = `/v2/app/manifests/sha256-${'a'.repeat(64)}.sig`;
const SIMPLE = 'application/vnd.dev.cosign.simplesigning.v1+json';

function manifestWith(layers: readonly unknown[]): string {
  return JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: DIGEST, size: 2 }, layers });
}

async function clientFor(host: string): Promise<Awaited<ReturnType<typeof openRegistryClient>>> {
  return openRegistryClient(`docker://${host}/app@${DIGEST}`, { insecureRegistries: [host], env: { PATH: '', HOME: '/nonexistent' }, timeoutMs: 2000 }, { retries: 0 });
}

describe('fetchAttachments on hostile registries', () => {
  it('refuses a 100 MB payload unread, and a blob that is not what its digest says', async () => {
    const good = Buffer.from('payload');
    const lying = Buffer.from('not the bytes you asked for');
    const big = `sha256:${'b'.repeat(64)}`;
    const routes = {
      [SIG_TAG]: { status: 200, body: manifestWith([
        { mediaType: SIMPLE, digest: big, size: 100 * 1024 * 1024, annotations: { 'dev.cosignproject.cosign/signature': 'AAAA' } },
        { mediaType: SIMPLE, digest: sha256(good), size: good.length, annotations: { 'dev.cosignproject.cosign/signature': 'not base64!' } },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(good), size: good.length },
        { mediaType: SIMPLE, digest: `sha256:${'c'.repeat(64)}`, size: lying.length },
      ]) },
      [`/v2/app/blobs/${sha256(good)}`]: { status: 200, body: good, type: 'application/octet-stream' },
      [`/v2/app/blobs/sha256:${'c'.repeat(64)}`]: { status: 200, body: lying, type: 'application/octet-stream' },
    };
    await withRegistry(routes, async (host, requests) => {
      const client = await clientFor(host);
      try {
        const found = await fetchAttachments(client, DIGEST, 'signature');
        assert.deepEqual(found.map((attachment) => [attachment.source, attachment.bytes?.toString(), attachment.problem]), [
          [`tag sha256-${'a'.repeat(64)}.sig, layer 0`, undefined, `the layer is ${100 * 1024 * 1024} bytes, more than the ${MAX_PAYLOAD_BYTES} read`],
          [`tag sha256-${'a'.repeat(64)}.sig, layer 1`, 'payload', undefined],
          [`tag sha256-${'a'.repeat(64)}.sig, layer 3`, undefined, `blob sha256:${'c'.repeat(64)} has digest ${sha256(lying)}, expected sha256:${'c'.repeat(64)}.`],
        ]);
        assert.equal(requests.some((line) => line.includes(big)), false);
      } finally {
        client.close();
      }
    });
  });

  const broken: readonly { name: string; body: string; message: RegExp }[] = [
    { name: 'a truncated manifest', body: '{"layers":[', message: /sha256-a{64}\.sig is not a JSON manifest\.$/ },
    { name: 'a manifest without layers', body: '{"schemaVersion":2}', message: /sha256-a{64}\.sig is not an image manifest \(no "layers" array\)\.$/ },
    { name: 'a layer without a digest', body: manifestWith([{ mediaType: SIMPLE, size: 1 }]), message: /sha256-a{64}\.sig: layers\[0\] needs a mediaType, a sha256 digest and a size\.$/ },
    { name: 'thousands of layers', body: manifestWith(Array.from({ length: 5000 }, () => ({ mediaType: SIMPLE, digest: DIGEST, size: 1 }))), message: /has 5000 layers; at most 256 are read\.$/ },
  ];
  for (const row of broken) {
    it(`fails ${row.name} with IMAGE_INVALID`, async () => {
      await withRegistry({ [SIG_TAG]: { status: 200, body: row.body } }, async (host) => {
        const client = await clientFor(host);
        try {
          await assert.rejects(fetchAttachments(client, DIGEST, 'signature'), (error: unknown) => {
            assert.ok(isPalisadeError(error));
            assert.equal(error.code, 'IMAGE_INVALID');
            assert.match(error.message, row.message);
            return true;
          });
        } finally {
          client.close();
        }
      });
    });
  }

  it('finds nothing when neither the tag nor referrers exist', async () => {
    await withRegistry({}, async (host, requests) => {
      const client = await clientFor(host);
      try {
        assert.deepEqual(await fetchAttachments(client, DIGEST, 'attestation'), []);
        assert.deepEqual(requests, [
          `GET /v2/app/manifests/sha256-${'a'.repeat(64)}.att`,
          `GET /v2/app/referrers/${DIGEST}?artifactType=application%2Fvnd.dev.cosign.artifact.att.v1%2Bjson`,
          `GET /v2/app/manifests/sha256-${'a'.repeat(64)}`,
        ]);
      } finally {
        client.close();
      }
    });
  });
});
