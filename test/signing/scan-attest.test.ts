// `palisade scan --attest` and `palisade sbom --attest` against the real local registry, checked by
// `palisade verify --attestation` (freshness and a CEL condition on the verdict).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openRegistryClient } from '../../src/image/source/registry/index.ts';
import { encryptPrivateKey, exportPublicKey, generateKeyPair } from '../../src/signing/keys/index.ts';
import { palisade } from '../cli-helpers.ts';
import { buildLayer } from '../image/oci-builder.ts';
import type { RegistryFixture } from '../image/registry.ts';
import { findBinary, startRegistry } from '../image/registry.ts';

const missing = ['docker-registry', 'openssl'].some((tool) => findBinary(tool) === undefined) ? 'needs the Debian packages docker-registry and openssl' : false;
const PASSWORD = 'attest-password';

describe('scan --attest and sbom --attest, verified by palisade verify', { skip: missing }, () => {
  let registry: RegistryFixture;
  let dir = '';
  let env: Record<string, string> = {};
  let image = '';
  before(async () => {
    registry = await startRegistry();
    dir = await mkdtemp(join(tmpdir(), 'palisade-scan-attest-'));
    const keys = generateKeyPair();
    await writeFile(join(dir, 'palisade.key'), encryptPrivateKey(keys.privateKey, PASSWORD));
    await writeFile(join(dir, 'palisade.pub'), exportPublicKey(keys.publicKey));
    const dockerConfig = await registry.writeDockerConfig();
    env = { DOCKER_CONFIG: dirname(dockerConfig), PALISADE_PASSWORD: PASSWORD, PALISADE_WORKERS: '0' };
    const layer = await buildLayer({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n', 'usr/lib/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0"}' });
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: 'root' }, rootfs: { type: 'layers', diff_ids: [layer.diffId] } }));
    const client = await openRegistryClient(`docker://${registry.host}/team/app:1.0`, { ...(registry.caFile === undefined ? {} : { caFile: registry.caFile }), env: { DOCKER_CONFIG: dirname(dockerConfig) }, push: true });
    try {
      const configDigest = await client.putBlob(config);
      await client.putBlob(layer.bytes);
      const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }] };
      await client.putManifest('1.0', Buffer.from(JSON.stringify(manifest)));
    } finally {
      client.close();
    }
    image = `docker://${registry.host}/team/app:1.0`;
    // The pipeline signs the image as well; verify requires the signature beside the attestations.
    const signed = await palisade(['sign', image, '--key', join(dir, 'palisade.key'), '--ca-file', registry.caFile ?? ''], { env });
    assert.equal(signed.code, 0, signed.stderr);
  });
  after(() => registry.stop());

  it('attests the scan verdict; verify checks its age and a condition on it', async () => {
    const ca = registry.caFile ?? '';
    const scan = await palisade(['scan', image, '--ca-file', ca, '--attest', '--key', join(dir, 'palisade.key'), '-f', 'json'], { env });
    assert.equal(scan.code, 1, scan.stderr);
    assert.match(scan.stderr, /palisade: attested .*team\/app@sha256:[0-9a-f]{64} with https:\/\/palisade\.dev\/attestations\/scan\/v1 \(sha256-[0-9a-f]{64}\.att\)/);
    const fresh = await palisade(['verify', image, '--key', join(dir, 'palisade.pub'), '--attestation', 'palisade-scan', '--max-age', '1h', '--ca-file', ca, '--no-cache'], { env });
    assert.equal(fresh.code, 0, fresh.stdout + fresh.stderr);
    const gate = await palisade(['verify', image, '--key', join(dir, 'palisade.pub'), '--attestation', 'palisade-scan', '--condition', "predicate.verdict == 'pass'", '--ca-file', ca, '--no-cache'], { env });
    assert.equal(gate.code, 1);
    assert.match(gate.stdout, /condition/i);
  });

  it('attests the SBOM of the image as CycloneDX', async () => {
    const ca = registry.caFile ?? '';
    const sbom = await palisade(['sbom', image, '--ca-file', ca, '--attest', '--key', join(dir, 'palisade.key'), '-o', join(dir, 'bom.json')], { env });
    assert.equal(sbom.code, 0, sbom.stderr);
    assert.match(sbom.stderr, /attested .* with https:\/\/cyclonedx\.org\/bom/);
    const verified = await palisade(['verify', image, '--key', join(dir, 'palisade.pub'), '--attestation', 'cyclonedx', '--condition', "predicate.components.exists(c, c.name == 'left-pad')", '--ca-file', ca, '--no-cache'], { env });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  });

  it('refuses --attest without a key or for a target that cannot carry an attestation', async () => {
    const noKey = await palisade(['scan', image, '--attest'], { env });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /--attest needs --key/);
    const local = await palisade(['scan', dir, '--attest', '--key', join(dir, 'palisade.key')], { env });
    assert.equal(local.code, 2);
    assert.match(local.stderr, /--attest needs an image in a registry/);
  });
});
