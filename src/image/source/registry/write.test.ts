/** The write path against a real registry: Debian's docker-registry 2.8 with TLS and htpasswd (no referrers API). */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { isPalisadeError, nullThrows } from '../../../core/index.ts';
import { sha256 } from '../../../../test/image/oci-builder.ts';
import { findBinary, skipWithout, startRegistry, type RegistryFixture } from '../../../../test/image/registry.ts';
import { openRegistryClient, type RegistryClient } from './client.ts';
import { listReferrers, pushReferrer, referrersTag } from './referrers.ts';

const TOOLS = ['docker-registry', 'openssl'] as const;
const available = TOOLS.every((tool) => findBinary(tool) !== undefined);
const env = { PATH: '/nonexistent', HOME: '/nonexistent' };
const EMPTY_CONFIG = Buffer.from('{}');
const EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';

function manifestOf(layers: readonly Buffer[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: EMPTY_TYPE, digest: sha256(EMPTY_CONFIG), size: 2 },
    layers: layers.map((layer) => ({ mediaType: 'application/octet-stream', digest: sha256(layer), size: layer.length })),
    ...extra,
  }));
}

describe('registry write path (docker-registry, TLS + htpasswd)', () => {
  let registry: RegistryFixture | undefined;
  let client: RegistryClient | undefined;
  const skip = (t: TestContext): boolean => skipWithout(t, ...TOOLS);
  const open = async (repository: string, chunkBytes?: number): Promise<RegistryClient> => {
    const started = nullThrows(registry, 'started');
    return openRegistryClient(`docker://${started.host}/${repository}`, {
      caFile: nullThrows(started.caFile, 'tls'),
      dockerConfigPath: await started.writeDockerConfig(),
      env,
      push: true,
      ...(chunkBytes === undefined ? {} : { upload: { chunkBytes } }),
    });
  };

  before(async () => {
    if (!available) return;
    registry = await startRegistry({ auth: 'htpasswd' });
    client = await open('team/write');
  });
  after(async () => {
    client?.close();
    await registry?.stop();
  });

  it('uploads a blob monolithically, skips it the second time, and reads it back', async (t) => {
    if (skip(t)) return;
    const write = nullThrows(client, 'client');
    const bytes = Buffer.from('monolithic blob');
    assert.equal(await write.hasBlob(sha256(bytes)), false);
    assert.equal(await write.putBlob(bytes), sha256(bytes));
    assert.equal(await write.hasBlob(sha256(bytes)), true);
    assert.equal(await write.putBlob(bytes), sha256(bytes));
    assert.deepEqual(await write.getBlob(sha256(bytes)), bytes);
  });

  it('uploads a blob in PATCH chunks when it is larger than the chunk size', async (t) => {
    if (skip(t)) return;
    const chunked = await open('team/write', 7);
    t.after(() => chunked.close());
    const bytes = Buffer.from('a blob of thirty-one bytes, ok.');
    assert.equal(await chunked.putBlob(bytes), sha256(bytes));
    assert.deepEqual(await chunked.getBlob(sha256(bytes)), bytes);
  });

  it('puts manifests under a tag, reads them back by tag and digest, and lists tags', async (t) => {
    if (skip(t)) return;
    const write = nullThrows(client, 'client');
    const layer = Buffer.from('layer one');
    await write.putBlob(EMPTY_CONFIG);
    await write.putBlob(layer);
    const manifest = manifestOf([layer]);
    const put = await write.putManifest('v1', manifest);
    assert.deepEqual(put, { digest: sha256(manifest), subject: undefined });
    const byTag = nullThrows(await write.getManifest('v1'), 'by tag');
    assert.deepEqual(byTag, { bytes: manifest, mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest) });
    assert.deepEqual(await write.getManifest(sha256(manifest)), byTag);
    assert.equal(await write.getManifest('absent'), undefined);
    await write.putManifest('v2', manifest);
    assert.deepEqual((await write.listTags()).sort(), ['v1', 'v2']);
    const unknown = await open('team/never-pushed');
    t.after(() => unknown.close());
    assert.deepEqual(await unknown.listTags(), []);
  });

  it('refuses a manifest whose blobs are missing with the registry\'s words', async (t) => {
    if (skip(t)) return;
    const write = nullThrows(client, 'client');
    const orphan = manifestOf([Buffer.from('never uploaded')]);
    await assert.rejects(write.putManifest('orphan', orphan), (error: unknown) => {
      assert.ok(isPalisadeError(error));
      assert.equal(error.code, 'NETWORK_FAILED');
      assert.match(error.message, /answered HTTP 400 for manifest team\/write:orphan \(upload\) \(registry: MANIFEST_BLOB_UNKNOWN: blob unknown to registry/);
      return true;
    });
  });

  it('asks a token registry for push rights, and is refused them anonymously', async (t) => {
    if (skip(t)) return;
    const started = nullThrows(registry, 'started');
    const token = await startRegistry({ auth: 'token', storageDir: started.storageDir });
    t.after(() => token.stop());
    const caFile = nullThrows(token.caFile, 'tls');
    const pusher = await openRegistryClient(`docker://${token.host}/team/tokens:v1`, { caFile, dockerConfigPath: await token.writeDockerConfig(), env, push: true });
    t.after(() => pusher.close());
    const bytes = Buffer.from('pushed with a bearer token');
    assert.equal(await pusher.putBlob(bytes), sha256(bytes));
    const anonymous = await openRegistryClient(`docker://${token.host}/team/tokens:v1`, { caFile, dockerConfigPath: '/nonexistent/config.json', env, push: true });
    t.after(() => anonymous.close());
    await assert.rejects(anonymous.putBlob(Buffer.from('not allowed')), (error: unknown) => {
      assert.ok(isPalisadeError(error));
      assert.equal(error.code, 'REGISTRY_AUTH_FAILED');
      assert.match(error.message, /denied access to blob sha256:[a-f0-9]{64} \(upload\) anonymously \(HTTP 401\)/);
      return true;
    });
  });

  it('falls back to the referrers tag schema on a registry without the referrers API', async (t) => {
    if (skip(t)) return;
    const write = nullThrows(client, 'client');
    const layer = Buffer.from('subject layer');
    await write.putBlob(EMPTY_CONFIG);
    await write.putBlob(layer);
    const subject = manifestOf([layer]);
    const subjectDigest = (await write.putManifest('subject', subject)).digest;
    assert.deepEqual(await listReferrers(write, subjectDigest), { via: 'tag', referrers: [] });
    const descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subjectDigest, size: subject.length };
    const first = manifestOf([layer], { artifactType: 'application/example.a', subject: descriptor });
    const second = manifestOf([layer], { artifactType: 'application/example.b', subject: descriptor, annotations: { n: '2' } });
    assert.deepEqual(await pushReferrer(write, first, 'application/vnd.oci.image.manifest.v1+json', subjectDigest, 'application/example.a'), { digest: sha256(first), via: 'tag' });
    await pushReferrer(write, second, 'application/vnd.oci.image.manifest.v1+json', subjectDigest, 'application/example.b', { n: '2' });
    await pushReferrer(write, first, 'application/vnd.oci.image.manifest.v1+json', subjectDigest, 'application/example.a');
    const listed = await listReferrers(write, subjectDigest);
    assert.deepEqual(listed, {
      via: 'tag',
      referrers: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(first), size: first.length, artifactType: 'application/example.a' },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(second), size: second.length, artifactType: 'application/example.b', annotations: { n: '2' } },
      ],
    });
    assert.deepEqual((await listReferrers(write, subjectDigest, 'application/example.b')).referrers.map((referrer) => referrer.digest), [sha256(second)]);
    assert.ok((await write.listTags()).includes(referrersTag(subjectDigest)));
  });
});
