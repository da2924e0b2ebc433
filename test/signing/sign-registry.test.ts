/**
 * `palisade sign` and `attest` against the real registry (docker-registry, TLS, htpasswd), checked
 * from the registry's blobs with node:crypto and cosign's published storage and signature spec
 * (sigstore/cosign specs/SIGNATURE_SPEC.md), not with Palisade's verifier.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { nullThrows } from '../../src/core/index.ts';
import { attestCommand } from '../../src/cli/attest.ts';
import { signCommand } from '../../src/cli/sign.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { findBinary, skipWithout, startRegistry, type RegistryFixture } from '../image/registry.ts';
import { pushTestImage, rawGet, sha256 } from './raw-registry.ts';
import { encryptPrivateKey, exportPublicKey, generateKeyPair } from '../../src/signing/keys/index.ts';

const TOOLS = ['docker-registry', 'openssl'] as const;
const available = TOOLS.every((tool) => findBinary(tool) !== undefined);
const PASSWORD = 'correct horse battery staple';

interface Captured extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

function captureIo(env: Record<string, string>): Captured {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    out: () => out,
    err: () => err,
  };
}

interface Manifest {
  readonly layers: readonly { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }[];
}

function parseManifest(bytes: Buffer): Manifest {
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  assert.ok(typeof value === 'object' && value !== null && 'layers' in value && Array.isArray(value.layers));
  const layers = value.layers.map((layer: unknown) => {
    assert.ok(typeof layer === 'object' && layer !== null && 'mediaType' in layer && 'digest' in layer && 'size' in layer);
    const annotations = 'annotations' in layer && typeof layer.annotations === 'object' && layer.annotations !== null ? Object.fromEntries(Object.entries(layer.annotations).map(([k, v]) => [k, String(v)])) : undefined;
    return { mediaType: String(layer.mediaType), digest: String(layer.digest), size: Number(layer.size), ...(annotations === undefined ? {} : { annotations }) };
  });
  return { layers };
}

describe('palisade sign / attest write cosign\'s format (docker-registry, TLS + htpasswd)', () => {
  let registry: RegistryFixture | undefined;
  let dir = '';
  let env: Record<string, string> = {};
  const keys = generateKeyPair();
  const other = generateKeyPair();
  const skip = (t: TestContext): boolean => skipWithout(t, ...TOOLS);

  before(async () => {
    if (!available) return;
    registry = await startRegistry({ auth: 'htpasswd' });
    dir = await mkdtemp(join(tmpdir(), 'palisade-sign-'));
    await writeFile(join(dir, 'cosign.key'), encryptPrivateKey(keys.privateKey, PASSWORD));
    await writeFile(join(dir, 'other.key'), other.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await writeFile(join(dir, 'cosign.pub'), exportPublicKey(keys.publicKey));
    env = { DOCKER_CONFIG: dirname(await registry.writeDockerConfig()), PALISADE_PASSWORD: PASSWORD, PATH: '/nonexistent', HOME: '/nonexistent' };
  });
  after(async () => {
    await registry?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('signs the digest a tag resolves to; node:crypto verifies the signature read from the registry', async (t) => {
    if (skip(t)) return;
    const fixture = nullThrows(registry, 'registry');
    const digest = await pushTestImage(fixture, 'team/app', 'v1', 'app v1');
    const io = captureIo(env);
    const code = await signCommand([`${fixture.host}/team/app:v1`, '--key', join(dir, 'cosign.key'), '--ca-file', nullThrows(fixture.caFile, 'ca')], io);
    assert.equal(code, 0, io.err());
    const tag = `sha256-${digest.slice('sha256:'.length)}.sig`;
    assert.equal(io.out(), `Signed ${fixture.host}/team/app@${digest} (${tag}, 1 signature)\n`);

    const manifestResponse = await rawGet(fixture, 'team/app', 'manifests', tag);
    assert.equal(manifestResponse.status, 200);
    const manifest = parseManifest(manifestResponse.body);
    assert.equal(manifest.layers.length, 1);
    const layer = nullThrows(manifest.layers[0], 'layer');
    assert.equal(layer.mediaType, 'application/vnd.dev.cosign.simplesigning.v1+json');
    const payload = (await rawGet(fixture, 'team/app', 'blobs', layer.digest)).body;
    assert.equal(sha256(payload), layer.digest);
    assert.equal(payload.toString(), `{"critical":{"identity":{"docker-reference":"${fixture.host}/team/app"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"},"optional":null}`);
    const signature = Buffer.from(nullThrows(layer.annotations?.['dev.cosignproject.cosign/signature'], 'signature annotation'), 'base64');
    const publicKey = createPublicKey(exportPublicKey(keys.publicKey));
    assert.equal(verify('sha256', payload, publicKey, signature), true);
    assert.equal(verify('sha256', Buffer.concat([payload, Buffer.from(' ')]), publicKey, signature), false);
  });

  it('appends a second signature instead of replacing the first', async (t) => {
    if (skip(t)) return;
    const fixture = nullThrows(registry, 'registry');
    const digest = await pushTestImage(fixture, 'team/twice', 'v1', 'twice');
    const ca = nullThrows(fixture.caFile, 'ca');
    assert.equal(await signCommand([`${fixture.host}/team/twice@${digest}`, '--key', join(dir, 'cosign.key'), '--ca-file', ca], captureIo(env)), 0);
    const io = captureIo(env);
    assert.equal(await signCommand([`docker://${fixture.host}/team/twice:v1`, '--key', join(dir, 'other.key'), '--ca-file', ca, '-a', 'team=payments'], io), 0, io.err());
    assert.match(io.out(), /\(sha256-[a-f0-9]{64}\.sig, 2 signatures\)\n$/);
    const manifest = parseManifest((await rawGet(fixture, 'team/twice', 'manifests', `sha256-${digest.slice(7)}.sig`)).body);
    assert.equal(manifest.layers.length, 2);
    const second = nullThrows(manifest.layers[1], 'second');
    const payload = (await rawGet(fixture, 'team/twice', 'blobs', second.digest)).body;
    assert.match(payload.toString(), /"optional":\{"team":"payments"\}\}$/);
    const signature = Buffer.from(nullThrows(second.annotations?.['dev.cosignproject.cosign/signature'], 'sig'), 'base64');
    assert.equal(verify('sha256', payload, other.publicKey, signature), true);
    assert.equal(verify('sha256', payload, keys.publicKey, signature), false);
  });

  it('attests with a DSSE envelope under sha256-<hex>.att that node:crypto verifies over the PAE', async (t) => {
    if (skip(t)) return;
    const fixture = nullThrows(registry, 'registry');
    const digest = await pushTestImage(fixture, 'team/attested', 'v1', 'attested');
    const predicate = join(dir, 'scan.json');
    await writeFile(predicate, JSON.stringify({ timestamp: '2026-11-27T12:00:00Z', verdict: 'pass' }));
    const io = captureIo(env);
    const code = await attestCommand([`${fixture.host}/team/attested:v1`, '--key', join(dir, 'cosign.key'), '--predicate', predicate, '--type', 'palisade-scan', '--ca-file', nullThrows(fixture.caFile, 'ca')], io);
    assert.equal(code, 0, io.err());
    const manifest = parseManifest((await rawGet(fixture, 'team/attested', 'manifests', `sha256-${digest.slice(7)}.att`)).body);
    const layer = nullThrows(manifest.layers[0], 'layer');
    assert.equal(layer.mediaType, 'application/vnd.dsse.envelope.v1+json');
    assert.deepEqual(layer.annotations, { 'dev.cosignproject.cosign/signature': '', predicateType: 'https://palisade.dev/attestations/scan/v1' });
    const envelope: unknown = JSON.parse((await rawGet(fixture, 'team/attested', 'blobs', layer.digest)).body.toString());
    assert.ok(typeof envelope === 'object' && envelope !== null && 'payload' in envelope && 'payloadType' in envelope && 'signatures' in envelope && Array.isArray(envelope.signatures));
    assert.equal(envelope.payloadType, 'application/vnd.in-toto+json');
    const body = Buffer.from(String(envelope.payload), 'base64');
    const pae = Buffer.concat([Buffer.from(`DSSEv1 28 application/vnd.in-toto+json ${body.length} `), body]);
    const first: unknown = envelope.signatures[0];
    assert.ok(typeof first === 'object' && first !== null && 'sig' in first);
    assert.equal(verify('sha256', pae, keys.publicKey, Buffer.from(String(first.sig), 'base64')), true);
    assert.deepEqual(JSON.parse(body.toString()), {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${fixture.host}/team/attested`, digest: { sha256: digest.slice(7) } }],
      predicateType: 'https://palisade.dev/attestations/scan/v1',
      predicate: { timestamp: '2026-11-27T12:00:00Z', verdict: 'pass' },
    });
  });

  it('refuses to sign without the key password or with a wrong one', async (t) => {
    if (skip(t)) return;
    const fixture = nullThrows(registry, 'registry');
    const { PALISADE_PASSWORD: _unused, ...withoutPassword } = env;
    const image = `${fixture.host}/team/app:v1`;
    await assert.rejects(signCommand([image, '--key', join(dir, 'cosign.key')], captureIo(withoutPassword)), /^PalisadeError: A password is needed: set PALISADE_PASSWORD, or run in a terminal to be asked$/);
    await assert.rejects(signCommand([image, '--key', join(dir, 'cosign.key')], captureIo({ ...withoutPassword, COSIGN_PASSWORD: 'wrong' })), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error);
      assert.equal(error.code, 'KEY_INVALID');
      assert.match(error.message, /cosign\.key: /);
      return true;
    });
  });
});
