/**
 * `palisade verify` end to end against the real registry (docker-registry, TLS, htpasswd): what
 * passes, what fails and with which reason, signatures and attestations built by hand in cosign's
 * format with node:crypto and pushed with plain HTTP calls, and the verification cache.
 */
import assert from 'node:assert/strict';
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { nullThrows } from '../../src/core/index.ts';
import { validateReport } from '../../src/report/index.ts';
import { attestCommand } from '../../src/cli/attest.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { signCommand } from '../../src/cli/sign.ts';
import { verifyCommand } from '../../src/cli/verify.ts';
import { findBinary, skipWithout, startRegistry, type RegistryFixture } from '../image/registry.ts';
import { pushTestImage, rawGet, rawPushBlob, rawPutManifest, rawRequest, sha256 } from './raw-registry.ts';
import { exportPublicKey, generateKeyPair } from '../../src/signing/keys/index.ts';

const TOOLS = ['docker-registry', 'openssl'] as const;
const available = TOOLS.every((tool) => findBinary(tool) !== undefined);
const DAY_MS = 86_400_000;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

interface ReportFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly kind: string;
  readonly location: { readonly path: string };
}

async function run(command: (args: readonly string[], io: CliIo) => Promise<number>, args: readonly string[], env: Record<string, string>): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env };
  const code = await command(args, io);
  return { code, out, err };
}

function findingsOf(json: string): ReportFinding[] {
  const report: unknown = JSON.parse(json);
  assert.ok(typeof report === 'object' && report !== null && 'findings' in report && Array.isArray(report.findings));
  return report.findings.map((finding: unknown): ReportFinding => {
    assert.ok(typeof finding === 'object' && finding !== null && 'ruleId' in finding && 'messageId' in finding && 'message' in finding && 'kind' in finding && 'location' in finding);
    const location = finding.location;
    assert.ok(typeof location === 'object' && location !== null && 'path' in location);
    return { ruleId: String(finding.ruleId), messageId: String(finding.messageId), message: String(finding.message), kind: String(finding.kind), location: { path: String(location.path) } };
  });
}

const hex = (digest: string): string => digest.slice('sha256:'.length);

describe('palisade verify (docker-registry, TLS + htpasswd)', () => {
  let registry: RegistryFixture | undefined;
  let dir = '';
  let env: Record<string, string> = {};
  const trusted = generateKeyPair();
  const other = generateKeyPair();
  const skip = (t: TestContext): boolean => skipWithout(t, ...TOOLS);
  const fixture = (): RegistryFixture => nullThrows(registry, 'registry started');
  const ca = (): string[] => ['--ca-file', nullThrows(fixture().caFile, 'tls')];
  const key = (name: string): string => join(dir, name);
  const signAs = async (image: string, keyFile: string): Promise<void> => {
    const signed = await run(signCommand, [image, '--key', key(keyFile), ...ca()], env);
    assert.equal(signed.code, 0, signed.err);
  };
  const verify = (args: readonly string[]): Promise<Run> => run(verifyCommand, [...args, '--key', key('trusted.pub'), '-f', 'json', '--no-cache', ...ca()], env);

  before(async () => {
    if (!available) return;
    registry = await startRegistry({ auth: 'htpasswd' });
    dir = await mkdtemp(join(tmpdir(), 'palisade-verify-'));
    await writeFile(key('trusted.key'), trusted.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await writeFile(key('trusted.pub'), exportPublicKey(trusted.publicKey));
    await writeFile(key('other.key'), other.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    env = { DOCKER_CONFIG: dirname(await registry.writeDockerConfig()), PALISADE_CACHE_DIR: join(dir, 'cache'), PATH: '/nonexistent', HOME: '/nonexistent' };
  });
  after(async () => {
    await registry?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('sign → verify succeeds, by tag and by digest', async (t) => {
    if (skip(t)) return;
    const digest = await pushTestImage(fixture(), 'team/ok', 'v1', 'ok');
    await signAs(`${fixture().host}/team/ok:v1`, 'trusted.key');
    const byTag = await verify([`${fixture().host}/team/ok:v1`]);
    assert.equal(byTag.code, 0, byTag.out);
    assert.deepEqual(findingsOf(byTag.out), []);
    assert.equal(byTag.err, `palisade: verified ${fixture().host}/team/ok@${digest}: signed by key "${key('trusted.pub')}" for ${digest} (tag sha256-${hex(digest)}.sig, layer 0)\n`);
    const byDigest = await verify([`${fixture().host}/team/ok@${digest}`]);
    assert.equal(byDigest.code, 0, byDigest.out);
  });

  it('fails when the tag was pushed again to another digest, and rejects a signature copied over from the old one', async (t) => {
    if (skip(t)) return;
    const first = await pushTestImage(fixture(), 'team/moved', 'v1', 'moved 1');
    await signAs(`${fixture().host}/team/moved:v1`, 'trusted.key');
    const second = await pushTestImage(fixture(), 'team/moved', 'v1', 'moved 2');
    const moved = await verify([`${fixture().host}/team/moved:v1`]);
    assert.equal(moved.code, 1);
    assert.deepEqual(validateReport(JSON.parse(moved.out)), []);
    for (const format of ['sarif', 'junit', 'markdown', 'table']) {
      const rendered = await run(verifyCommand, [`${fixture().host}/team/moved:v1`, '--key', key('trusted.pub'), '-f', format, '--no-cache', ...ca()], env);
      assert.equal(rendered.code, 1);
      assert.ok(rendered.out.includes(`no signatures found for ${second}`), `${format}: ${rendered.out}`);
    }
    assert.deepEqual(findingsOf(moved.out).map((finding) => [finding.ruleId, finding.messageId, finding.message, finding.location.path]), [
      ['image-signature', 'no-signatures', `no signatures found for ${second}`, `${fixture().host}/team/moved@${second}`],
    ]);
    const oldSignatures = (await rawGet(fixture(), 'team/moved', 'manifests', `sha256-${hex(first)}.sig`)).body;
    await rawPutManifest(fixture(), 'team/moved', `sha256-${hex(second)}.sig`, oldSignatures);
    const copied = await verify([`${fixture().host}/team/moved:v1`]);
    assert.equal(copied.code, 1);
    assert.deepEqual(findingsOf(copied.out).map((finding) => finding.messageId), ['digest-mismatch', 'digest-mismatch']);
    assert.match(nullThrows(findingsOf(copied.out)[0], 'finding').message, new RegExp(`^no valid signature by key ".*trusted\\.pub": a signature by key ".*trusted\\.pub" is for ${first}, not for ${second} \\(a signature copied from another image, or the tag now points elsewhere\\); rejected`));
  });

  it('fails a signature made by another key, saying so', async (t) => {
    if (skip(t)) return;
    await pushTestImage(fixture(), 'team/other', 'v1', 'other');
    await signAs(`${fixture().host}/team/other:v1`, 'other.key');
    const result = await verify([`${fixture().host}/team/other:v1`]);
    assert.equal(result.code, 1);
    const [finding] = findingsOf(result.out);
    assert.equal(finding?.messageId, 'signed-by-another-key');
    assert.match(finding?.message ?? '', /^no valid signature by key ".*trusted\.pub": signed by another key \(sha256:[a-f0-9]{64}\), not by key ".*trusted\.pub" \(tag sha256-[a-f0-9]{64}\.sig, layer 0\)$/);
  });

  it('fails a signature whose payload was altered after signing, with its own message', async (t) => {
    if (skip(t)) return;
    const digest = await pushTestImage(fixture(), 'team/tampered', 'v1', 'tampered');
    await signAs(`${fixture().host}/team/tampered:v1`, 'trusted.key');
    const tag = `sha256-${hex(digest)}.sig`;
    const manifest: unknown = JSON.parse((await rawGet(fixture(), 'team/tampered', 'manifests', tag)).body.toString());
    assert.ok(typeof manifest === 'object' && manifest !== null && 'layers' in manifest && Array.isArray(manifest.layers));
    const layer: unknown = manifest.layers[0];
    assert.ok(typeof layer === 'object' && layer !== null && 'digest' in layer);
    const payload = (await rawGet(fixture(), 'team/tampered', 'blobs', String(layer.digest))).body;
    const altered = Buffer.from(payload.toString().replace('"optional":null', '"optional":{"approved":"yes"}'));
    await rawPushBlob(fixture(), 'team/tampered', altered);
    const rewritten = { ...manifest, layers: [{ ...layer, digest: sha256(altered), size: altered.length }] };
    await rawPutManifest(fixture(), 'team/tampered', tag, Buffer.from(JSON.stringify(rewritten)));
    const result = await verify([`${fixture().host}/team/tampered:v1`]);
    assert.equal(result.code, 1);
    const [finding] = findingsOf(result.out);
    assert.equal(finding?.messageId, 'tampered-payload');
    assert.match(finding?.message ?? '', /: the payload was altered after signing: the signature names key ".*trusted\.pub" but does not verify with it \(tag sha256-[a-f0-9]{64}\.sig, layer 0\)$/);
  });

  it('fails an attestation about another digest, an expired one and an altered one, each with its own message', async (t) => {
    if (skip(t)) return;
    const digest = await pushTestImage(fixture(), 'team/attest', 'v1', 'attest');
    const image = `${fixture().host}/team/attest:v1`;
    await signAs(image, 'trusted.key');
    const old = join(dir, 'old-scan.json');
    await writeFile(old, JSON.stringify({ timestamp: new Date(Date.now() - 10 * DAY_MS).toISOString(), verdict: 'pass' }));
    const attested = await run(attestCommand, [image, '--key', key('trusted.key'), '--predicate', old, '--type', 'palisade-scan', ...ca()], env);
    assert.equal(attested.code, 0, attested.err);
    const expired = await verify([image, '--attestation', 'palisade-scan', '--max-age', '7d']);
    assert.equal(expired.code, 1);
    assert.deepEqual(findingsOf(expired.out).map((finding) => [finding.ruleId, finding.messageId]), [['image-attestation', 'attestation-expired']]);
    assert.match(nullThrows(findingsOf(expired.out)[0], 'finding').message, /^the newest palisade-scan attestation is 10d( \d+[hms])? old \(from .*\), older than the maximum 7d \(tag sha256-[a-f0-9]{64}\.att, layer 0\)$/);
    const fresh = await verify([image, '--attestation', 'palisade-scan', '--max-age', '30d', '--condition', 'predicate.verdict == "pass"']);
    assert.equal(fresh.code, 0, fresh.out);
    const failing = await verify([image, '--attestation', 'palisade-scan', '--condition', 'predicate.verdict in ["fail", "x,y"]']);
    assert.equal(failing.code, 1);
    assert.deepEqual(findingsOf(failing.out).map((finding) => finding.messageId), ['condition-failed']);

    const elsewhere = `sha256:${'e'.repeat(64)}`;
    await pushHandAttestation(fixture(), trusted.privateKey, 'team/attest', digest, elsewhere, 'https://cyclonedx.org/bom', { metadata: { timestamp: new Date().toISOString() } }, false);
    const wrongSubject = await verify([image, '--attestation', 'cyclonedx']);
    assert.equal(wrongSubject.code, 1);
    assert.deepEqual(findingsOf(wrongSubject.out).map((finding) => finding.messageId), ['attestation-missing', 'subject-mismatch']);
    assert.match(nullThrows(findingsOf(wrongSubject.out)[1], 'finding').message, new RegExp(`^a https://cyclonedx\\.org/bom attestation signed by key ".*trusted\\.pub" is about ${elsewhere}, not ${digest}; rejected$`));

    const spdx = await pushHandAttestation(fixture(), trusted.privateKey, 'team/attest', digest, digest, 'https://spdx.dev/Document', { creationInfo: { created: new Date().toISOString() } }, true);
    const altered = await verify([image, '--attestation', 'spdx']);
    assert.equal(altered.code, 1);
    const messages = findingsOf(altered.out).map((finding) => [finding.messageId, finding.message]);
    assert.deepEqual(messages[0], ['signature-mismatch', `no valid spdx attestation: the signature does not verify with key "${key('trusted.pub')}": it was made by another key, or the payload was altered (tag sha256-${hex(digest)}.att, layer ${spdx}) (verified attestations: https://palisade.dev/attestations/scan/v1)`]);
  });

  it('verifies a signature and an attestation built by hand in cosign\'s format and pushed with plain HTTP', async (t) => {
    if (skip(t)) return;
    const digest = await pushTestImage(fixture(), 'team/cosign', 'v1', 'cosign');
    const payload = Buffer.from(JSON.stringify({ critical: { identity: { 'docker-reference': `${fixture().host}/team/cosign` }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' }, optional: null }));
    const signature = cryptoSign('sha256', payload, trusted.privateKey).toString('base64');
    await rawPushBlob(fixture(), 'team/cosign', payload);
    const layers = [{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', size: payload.length, digest: sha256(payload), annotations: { 'dev.cosignproject.cosign/signature': signature } }];
    await pushCosignManifest(fixture(), 'team/cosign', `sha256-${hex(digest)}.sig`, layers);
    await pushHandAttestation(fixture(), trusted.privateKey, 'team/cosign', digest, digest, 'https://cyclonedx.org/bom', { bomFormat: 'CycloneDX', metadata: { timestamp: new Date().toISOString() } }, false);
    const result = await verify([`${fixture().host}/team/cosign:v1`, '--attestation', 'cyclonedx', '--max-age', '1d']);
    assert.equal(result.code, 0, result.out);
    assert.equal(result.err, `palisade: verified ${fixture().host}/team/cosign@${digest}: signed by key "${key('trusted.pub')}" for ${digest} (tag sha256-${hex(digest)}.sig, layer 0); cyclonedx attestation signed by key "${key('trusted.pub')}" (tag sha256-${hex(digest)}.att, layer 0)\n`);
  });

  it('answers a second verification of the same digest from the cache, without reading the signatures again', async (t) => {
    if (skip(t)) return;
    const digest = await pushTestImage(fixture(), 'team/cached', 'v1', 'cached');
    await signAs(`${fixture().host}/team/cached:v1`, 'trusted.key');
    const cachedArgs = [`${fixture().host}/team/cached:v1`, '--key', key('trusted.pub'), '-f', 'json', ...ca()];
    const first = await run(verifyCommand, cachedArgs, env);
    assert.equal(first.code, 0, first.out);
    assert.doesNotMatch(first.err, /\(cached\)/);
    const signatures = await rawGet(fixture(), 'team/cached', 'manifests', `sha256-${hex(digest)}.sig`);
    const deleted = await rawRequest(fixture(), 'DELETE', `/v2/team/cached/manifests/${sha256(signatures.body)}`);
    assert.equal(deleted.status, 202);
    const second = await run(verifyCommand, cachedArgs, env);
    assert.equal(second.code, 0, second.out);
    assert.match(second.err, new RegExp(`^palisade: verified .*/team/cached@${digest} \\(cached\\): `));
    const offline = await run(verifyCommand, [`127.0.0.1:1/team/cached@${digest}`, '--key', key('trusted.pub'), '-f', 'json'], env);
    assert.equal(offline.code, 0, offline.out);
    assert.equal(offline.err.startsWith(`palisade: verified 127.0.0.1:1/team/cached@${digest} (cached): `), true);
    const otherRequirement = await run(verifyCommand, [...cachedArgs, '--attestation', 'vuln'], env);
    assert.equal(otherRequirement.code, 1);
    const uncached = await run(verifyCommand, [...cachedArgs, '--no-cache'], env);
    assert.equal(uncached.code, 1);
    assert.deepEqual(findingsOf(uncached.out).map((finding) => finding.messageId), ['no-signatures']);
  });

  it('verifies against a policy file, and reports an image that cannot be read as a failure', async (t) => {
    if (skip(t)) return;
    await pushTestImage(fixture(), 'team/policy', 'v1', 'policy');
    await signAs(`${fixture().host}/team/policy:v1`, 'trusted.key');
    const policy = join(dir, 'policy.yaml');
    await writeFile(policy, ['apiVersion: palisade.dev/v1alpha1', 'kind: VerificationPolicy', 'keys:', '  release: { path: trusted.pub }', 'images:', `  - glob: "${fixture().host}/team/**"`, '    signatures: { keys: [release] }', ''].join('\n'));
    const passed = await run(verifyCommand, [`${fixture().host}/team/policy:v1`, '--policy', policy, '-f', 'json', '--no-cache', ...ca()], env);
    assert.equal(passed.code, 0, passed.out);
    const missing = await run(verifyCommand, [`${fixture().host}/team/policy:absent`, '--policy', policy, '-f', 'json', '--no-cache', ...ca()], env);
    assert.equal(missing.code, 1);
    assert.deepEqual(findingsOf(missing.out).map((finding) => [finding.messageId, finding.message]), [
      ['unavailable', `IMAGE_NOT_FOUND: docker://${fixture().host}/team/policy:absent: manifest team/policy:absent not found (HTTP 404).`],
    ]);
  });
});

/** The manifest cosign writes under a `.sig`/`.att` tag (go-containerregistry's config for appended layers). */
async function pushCosignManifest(registry: RegistryFixture, repository: string, tag: string, layers: readonly { mediaType: string; size: number; digest: string; annotations: Record<string, string> }[]): Promise<void> {
  const config = Buffer.from(JSON.stringify({ architecture: '', created: '0001-01-01T00:00:00Z', history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })), os: '', rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) }, config: {} }));
  await rawPushBlob(registry, repository, config);
  const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: sha256(config) }, layers };
  await rawPutManifest(registry, repository, tag, Buffer.from(JSON.stringify(manifest)));
}

/**
 * Appends a DSSE attestation layer under `sha256-<hex>.att` as cosign does: an in-toto statement about
 * `subject`, signed over the PAE with the trusted key by node:crypto. `alter` changes the payload after
 * signing. Returns the index of the new layer.
 */
async function pushHandAttestation(registry: RegistryFixture, privateKey: KeyObject, repository: string, digest: string, subject: string, predicateType: string, predicate: unknown, alter: boolean): Promise<number> {
  const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType, subject: [{ name: `${registry.host}/${repository}`, digest: { sha256: subject.slice(7) } }], predicate }));
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${statement.length} `), statement]);
  const signature = cryptoSign('sha256', pae, privateKey).toString('base64');
  const body = alter ? Buffer.from(statement.toString().replace('"predicate":{', '"predicate":{"injected":true,')) : statement;
  const envelope = Buffer.from(JSON.stringify({ payloadType: type, payload: body.toString('base64'), signatures: [{ keyid: '', sig: signature }] }));
  await rawPushBlob(registry, repository, envelope);
  const tag = `sha256-${digest.slice(7)}.att`;
  const existing = await rawGet(registry, repository, 'manifests', tag);
  const previous: unknown[] = [];
  if (existing.status === 200) {
    const parsed: unknown = JSON.parse(existing.body.toString());
    if (typeof parsed === 'object' && parsed !== null && 'layers' in parsed && Array.isArray(parsed.layers)) previous.push(...parsed.layers);
  }
  const layer = { mediaType: 'application/vnd.dsse.envelope.v1+json', size: envelope.length, digest: sha256(envelope), annotations: { 'dev.cosignproject.cosign/signature': '', predicateType } };
  await pushCosignManifest(registry, repository, tag, [...previous.flatMap(asLayer), layer]);
  return previous.length;
}

function asLayer(value: unknown): { mediaType: string; size: number; digest: string; annotations: Record<string, string> }[] {
  if (typeof value !== 'object' || value === null || !('digest' in value) || !('size' in value) || !('mediaType' in value)) return [];
  const annotations = 'annotations' in value && typeof value.annotations === 'object' && value.annotations !== null ? Object.fromEntries(Object.entries(value.annotations).map(([k, v]) => [k, String(v)])) : {};
  return [{ mediaType: String(value.mediaType), size: Number(value.size), digest: String(value.digest), annotations }];
}
