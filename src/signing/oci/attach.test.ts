/**
 * Signing on a registry that implements the OCI 1.1 referrers API (an in-memory node:http fake:
 * Debian's docker-registry 2.8 does not): the cosign tag and a referrer are both written, and the
 * verifier reads each signature once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { nullThrows } from '../../core/index.ts';
import { openRegistryClient } from '../../image/source/registry/index.ts';
import { generateKeyPair } from '../keys/index.ts';
import { requirementsFromFlags } from '../verify/index.ts';
import { attestImage, resolveImage, signImage } from './image.ts';
import { fetchAttachments } from './read.ts';
import { requirementsVerifier } from './verifiers.ts';
import { verifyRegistryImage } from './verify-image.ts';

const INDEX = 'application/vnd.oci.image.index.v1+json';

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

interface Stored {
  readonly bytes: Buffer;
  readonly type: string;
}

/** Blobs, manifests (by tag and digest) and referrers computed from the stored manifests' `subject`. */
async function startReferrersRegistry(): Promise<{ host: string; manifests: Map<string, Stored>; close(): Promise<void> }> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Stored>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  const handle = (request: IncomingMessage, response: ServerResponse, body: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const [, , , kind, reference = ''] = url.pathname.split('/');
    if (request.method === 'POST' && kind === 'blobs') return void response.writeHead(202, { location: '/v2/app/blobs/uploads/1' }).end();
    if (request.method === 'PUT' && kind === 'blobs') {
      blobs.set(url.searchParams.get('digest') ?? '', body);
      return void response.writeHead(201).end();
    }
    if (kind === 'blobs') {
      const blob = blobs.get(reference);
      return void (blob === undefined ? response.writeHead(404).end() : response.writeHead(200).end(request.method === 'HEAD' ? undefined : blob));
    }
    if (request.method === 'PUT' && kind === 'manifests') {
      const stored = { bytes: body, type: request.headers['content-type'] ?? '' };
      manifests.set(reference, stored);
      manifests.set(digestOf(body), stored);
      const subject = JSON.parse(body.toString()).subject?.digest;
      return void response.writeHead(201, { 'docker-content-digest': digestOf(body), ...(typeof subject === 'string' ? { 'oci-subject': subject } : {}) }).end();
    }
    if (kind === 'manifests') {
      const stored = manifests.get(reference);
      return void (stored === undefined ? response.writeHead(404).end() : response.writeHead(200, { 'content-type': stored.type }).end(stored.bytes));
    }
    if (kind === 'referrers') {
      const found = [...new Set([...manifests.values()])].flatMap((stored) => {
        const manifest = JSON.parse(stored.bytes.toString());
        return manifest.subject?.digest === reference ? [{ mediaType: stored.type, digest: digestOf(stored.bytes), size: stored.bytes.length, artifactType: manifest.artifactType }] : [];
      });
      const wanted = url.searchParams.get('artifactType');
      const manifestsOut = wanted === null ? found : found.filter((entry) => entry.artifactType === wanted);
      return void response.writeHead(200, { 'content-type': INDEX }).end(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: manifestsOut }));
    }
    response.writeHead(404).end();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    host: `127.0.0.1:${address.port}`,
    manifests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('signing where the registry implements the referrers API', () => {
  it('writes the cosign tag and a referrer, reads each signature once, and verifies', async () => {
    const fake = await startReferrersRegistry();
    const image = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(Buffer.from('{}')), size: 2 }, layers: [] }));
    fake.manifests.set('v1', { bytes: image, type: 'application/vnd.oci.image.manifest.v1+json' });
    fake.manifests.set(digestOf(image), { bytes: image, type: 'application/vnd.oci.image.manifest.v1+json' });
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, { insecureRegistries: [fake.host], env: { HOME: '/nonexistent' }, push: true });
    try {
      const keys = generateKeyPair();
      const resolved = await resolveImage(client);
      assert.equal(resolved.digest, digestOf(image));
      const signed = await signImage(client, resolved, keys.privateKey);
      assert.equal(signed.tag, `sha256-${digestOf(image).slice(7)}.sig`);
      const referrer = nullThrows(signed.referrer, 'a referrer was pushed');
      const pushed = JSON.parse(nullThrows(fake.manifests.get(referrer), 'stored').bytes.toString());
      assert.equal(pushed.artifactType, 'application/vnd.dev.cosign.artifact.sig.v1+json');
      assert.deepEqual(pushed.subject, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(image), size: image.length });
      const attested = await attestImage(client, resolved, keys.privateKey, 'https://cyclonedx.org/bom', { metadata: { timestamp: '2026-11-27T00:00:00Z' } });
      assert.notEqual(attested.referrer, undefined);
      const found = await fetchAttachments(client, digestOf(image), 'signature');
      assert.deepEqual(found.map((attachment) => attachment.source), [`tag ${signed.tag}, layer 0`]);
      const requirements = requirementsFromFlags({ keys: [{ name: 'k', key: keys.publicKey }], attestationTypes: ['cyclonedx'] });
      const result = await verifyRegistryImage(client, `${fake.host}/app:v1`, requirementsVerifier(requirements), { now: new Date('2026-11-28T00:00:00Z') });
      assert.equal(result.verification.ok, true, JSON.stringify(result.verification.checks));
    } finally {
      client.close();
      await fake.close();
    }
  });

  it('refuses to sign over a signature tag it cannot read, rather than replace what is there', async () => {
    const fake = await startReferrersRegistry();
    const image = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}');
    const corrupt = { bytes: Buffer.from('{"layers": "not a list"}'), type: 'application/vnd.oci.image.manifest.v1+json' };
    fake.manifests.set('v1', { bytes: image, type: 'application/vnd.oci.image.manifest.v1+json' });
    fake.manifests.set(`sha256-${digestOf(image).slice(7)}.sig`, corrupt);
    const client = await openRegistryClient(`docker://${fake.host}/app:v1`, { insecureRegistries: [fake.host], env: { HOME: '/nonexistent' }, push: true });
    try {
      const resolved = await resolveImage(client);
      await assert.rejects(signImage(client, resolved, generateKeyPair().privateKey), /sha256-[a-f0-9]{64}\.sig is not an image manifest \(no "layers" array\)\.$/);
      assert.equal(fake.manifests.get(`sha256-${digestOf(image).slice(7)}.sig`), corrupt);
    } finally {
      client.close();
      await fake.close();
    }
  });
});
