// `palisade cluster images` with statuses, against real components on 127.0.0.1: the local registry
// (Debian package docker-registry) holding generated images, one signed and attested with the policy's
// key, a real advisory database file, a real watch store, and the API stand-in serving the Pods.
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clusterCommand } from '../../src/cli/cluster.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { scanRegistryImage } from '../../src/cluster/image-scan.ts';
import { openRegistryClient } from '../../src/image/source/registry/index.ts';
import { PREDICATE_TYPES } from '../../src/signing/intoto/index.ts';
import { exportPublicKey, generateKeyPair } from '../../src/signing/keys/index.ts';
import { attestImage, resolveImage, signImage } from '../../src/signing/oci/index.ts';
import { importAdvisories } from '../../src/vuln/db/index.ts';
import { SqliteWatchStore } from '../../src/watch/store-sqlite.ts';
import type { RegistryFixture } from '../image/registry.ts';
import { findBinary, startRegistry } from '../image/registry.ts';
import { pushGeneratedImage } from '../registry-images.ts';
import type { ApiServer } from './api-server.ts';
import { startApiServer } from './api-server.ts';

const missing = ['docker-registry', 'openssl'].find((tool) => findBinary(tool) === undefined);
const skip = missing === undefined ? false : `needs the Debian package ${missing}`;
const NOW = new Date('2026-11-27T12:00:00Z');

/** An OSV record with a GHSA rating: npm `name` below `fixed`. */
function advisory(id: string, names: readonly string[], fixed: string, severity: string): string {
  const affected = names.map((name) => ({ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }));
  return JSON.stringify({ schema_version: '1.6.0', id, modified: '2026-11-20T00:00:00Z', summary: `${names.join(', ')} vulnerable`, affected, database_specific: { severity } });
}

/** A Pod as the API server lists it: one container `app`, the digest in its status when it runs. */
function podItem(name: string, image: string, digest: string | undefined): Record<string, unknown> {
  const repository = image.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
  const status = digest === undefined ? { phase: 'Pending' } : { phase: 'Running', containerStatuses: [{ name: 'app', image, imageID: `${repository}@${digest}`, ready: true, restartCount: 0 }] };
  return { metadata: { name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: '10' }, spec: { containers: [{ name: 'app', image }] }, status };
}

function fakeIo(env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env, out: () => stdout, err: () => stderr };
}

describe('palisade cluster images: signature and vulnerability statuses', { skip }, () => {
  let registry: RegistryFixture;
  let api: ApiServer;
  let dir = '';
  let env: Record<string, string> = {};
  let kubeconfig = '';
  const digests = { signed: '', unsigned: '', scanned: '', plain: '' };
  let host = '';

  before(async () => {
    registry = await startRegistry();
    host = registry.host;
    dir = await mkdtemp(join(tmpdir(), 'palisade-cluster-images-'));
    const dockerConfig = await registry.writeDockerConfig();
    env = { DOCKER_CONFIG: dirname(dockerConfig), PALISADE_CACHE_DIR: join(dir, 'cache'), HOME: dir, PATH: '/nonexistent' };
    digests.signed = await pushGeneratedImage(registry, dockerConfig, 'team/signed', 'v1', 1);
    digests.unsigned = await pushGeneratedImage(registry, dockerConfig, 'team/unsigned', 'v1', 2);
    digests.scanned = await pushGeneratedImage(registry, dockerConfig, 'team/scanned', 'v1', 3);
    digests.plain = await pushGeneratedImage(registry, dockerConfig, 'team/plain', 'v1', 4);

    const trusted = generateKeyPair();
    const stranger = generateKeyPair();
    await writeFile(join(dir, 'trusted.pub'), exportPublicKey(trusted.publicKey));
    const policy = ['apiVersion: palisade.dev/v1alpha1', 'kind: VerificationPolicy', 'keys:', '  release:', '    path: trusted.pub', 'images:', `  - glob: ${host}/team/**`, '    signatures:', '      keys: [release]', ''];
    await writeFile(join(dir, 'verify.yaml'), policy.join('\n'));
    const registryOptions = { caFile: registry.caFile ?? '', env };
    const signedSbom = await scanRegistryImage(`${host}/team/signed@${digests.signed}`, { registry: registryOptions, now: NOW });
    await attach('team/signed:v1', trusted.privateKey, [{ type: PREDICATE_TYPES.cyclonedx, predicate: JSON.parse(signedSbom) }]);
    const scan = { scanner: { name: 'palisade', version: '0.1.0' }, database: { updatedAt: null, ageSeconds: null }, ruleSet: { count: 1, packs: [], digest: 'sha256:0' }, counts: { critical: 0, high: 2, medium: 1, low: 0, info: 4 }, verdict: 'fail', failOn: 'high', timestamp: '2026-11-26T08:00:00.000Z' };
    await attach('team/scanned:v1', trusted.privateKey, [{ type: PREDICATE_TYPES['palisade-scan'], predicate: scan }]);
    // Signed, but its only SBOM attestation (claiming no packages at all) is by a key the policy does not know.
    const emptySbom = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { timestamp: '2026-11-26T08:00:00Z' }, components: [] };
    await attach('team/plain:v1', trusted.privateKey, [], stranger.privateKey, emptySbom);

    const store = new SqliteWatchStore(join(dir, 'watch.db'));
    await store.putImage(digests.unsigned, await scanRegistryImage(`${host}/team/unsigned@${digests.unsigned}`, { registry: registryOptions, now: NOW }), NOW);
    await store.close();

    await writeFile(join(dir, 'GHSA-1.json'), advisory('GHSA-crit-crit-0001', ['shared-lib'], '2.0.1', 'CRITICAL'));
    await writeFile(join(dir, 'GHSA-2.json'), advisory('GHSA-high-high-0002', ['pkg-1'], '1.0.1', 'HIGH'));
    await writeFile(join(dir, 'GHSA-3.json'), advisory('GHSA-mode-rate-0003', ['pkg-2', 'pkg-4'], '1.0.1', 'MODERATE'));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'GHSA-1.json'), join(dir, 'GHSA-2.json'), join(dir, 'GHSA-3.json')], { replace: true, now: () => NOW });

    api = await startApiServer(dir);
    kubeconfig = await api.kubeconfig();
    api.lists.set('/api/v1/pods', {
      resourceVersion: '10',
      items: [
        podItem('signed', `${host}/team/signed:v1`, digests.signed),
        podItem('unsigned', `${host}/team/unsigned:v1`, undefined),
        podItem('scanned', `${host}/team/scanned@${digests.scanned}`, digests.scanned),
        podItem('plain', `${host}/team/plain:v1`, digests.plain),
        podItem('gone', `localhost:9/team/gone@sha256:${'9'.repeat(64)}`, `sha256:${'9'.repeat(64)}`),
      ],
    });

    async function attach(reference: string, key: KeyObject, attestations: readonly { type: string; predicate: unknown }[], otherKey?: KeyObject, otherSbom?: unknown): Promise<void> {
      const client = await openRegistryClient(`docker://${host}/${reference}`, { ...registryOptions, push: true });
      try {
        const image = await resolveImage(client);
        await signImage(client, image, key);
        for (const attestation of attestations) await attestImage(client, image, key, attestation.type, attestation.predicate);
        if (otherKey !== undefined) await attestImage(client, image, otherKey, PREDICATE_TYPES.cyclonedx, otherSbom);
      } finally {
        client.close();
      }
    }
  });

  after(async () => {
    await api?.close();
    await registry?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('takes each status from the best source and says which, in the table', async () => {
    const io = fakeIo(env);
    const args = ['images', '-q', '--kubeconfig', kubeconfig, '--verify-policy', join(dir, 'verify.yaml'), '--db', join(dir, 'advisories.db'), '--store', join(dir, 'watch.db'), '--ca-file', registry.caFile ?? ''];
    const code = await clusterCommand(args, io);
    const db = `the advisory database ${join(dir, 'advisories.db')} (built ${NOW.toISOString()})`;
    const lines = io.out().split('\n');
    assert.equal(code, 1, 'an unsigned image and an unreachable one fail the verification policy');
    assert.equal(io.err(), '');
    assert.deepEqual(lines, [
      `${host}/team/plain:v1  (not pinned by digest)`,
      `  digest: ${digests.plain}`,
      '  running in 1: shop/plain:app',
      `  signature: verified (registry): signed by key "release" for ${digests.plain} (tag sha256-${digests.plain.slice(7)}.sig, layer 0)`,
      `  vulnerabilities (registry scan): 2 (critical 1, high 0, medium 1, low 0, info 0) from the image's layers scanned from the registry, matched against ${db}`,
      '    worst: GHSA-crit-crit-0001 critical pkg:npm/shared-lib@2.0.0, GHSA-mode-rate-0003 medium pkg:npm/pkg-4@1.0.0',
      `${host}/team/scanned@${digests.scanned}`,
      `  digest: ${digests.scanned}`,
      '  running in 1: shop/scanned:app',
      `  signature: verified (registry): signed by key "release" for ${digests.scanned} (tag sha256-${digests.scanned.slice(7)}.sig, layer 0)`,
      '  vulnerabilities (attestation): 7 (critical 0, high 2, medium 1, low 0, info 4) from counts of every finding (not vulnerabilities alone; no ids) of the Palisade scan attested by key "release" at 2026-11-26T08:00:00.000Z, verdict fail',
      `${host}/team/signed:v1  (not pinned by digest)`,
      `  digest: ${digests.signed}`,
      '  running in 1: shop/signed:app',
      `  signature: verified (registry): signed by key "release" for ${digests.signed} (tag sha256-${digests.signed.slice(7)}.sig, layer 0)`,
      `  vulnerabilities (attestation): 2 (critical 1, high 1, medium 0, low 0, info 0) from the cyclonedx SBOM attested by key "release" at ${NOW.toISOString()}, matched against ${db}`,
      '    worst: GHSA-crit-crit-0001 critical pkg:npm/shared-lib@2.0.0, GHSA-high-high-0002 high pkg:npm/pkg-1@1.0.0',
      `${host}/team/unsigned:v1  (not pinned by digest)`,
      `  digest: ${digests.unsigned} (the tag, resolved at the registry now)`,
      '  running in 1: shop/unsigned:app',
      `  signature: failed (registry): no signatures found for ${digests.unsigned}`,
      `  vulnerabilities (watch store): 2 (critical 1, high 0, medium 1, low 0, info 0) from the SBOM stored in sqlite:${join(dir, 'watch.db')}, matched against ${db}`,
      '    worst: GHSA-crit-crit-0001 critical pkg:npm/shared-lib@2.0.0, GHSA-mode-rate-0003 medium pkg:npm/pkg-2@1.0.0',
      `localhost:9/team/gone@sha256:${'9'.repeat(64)}`,
      `  digest: sha256:${'9'.repeat(64)}`,
      '  running in 1: shop/gone:app',
      lines.at(-3)?.startsWith('  signature: unknown (registry): the registry could not be read (NETWORK_FAILED: ') === true ? lines.at(-3) : 'a signature line naming the network failure',
      lines.at(-2)?.startsWith('  vulnerabilities: unknown: the registry could not be read (NETWORK_FAILED: ') === true ? lines.at(-2) : 'a vulnerabilities line naming the network failure',
      '',
    ]);
  });

  it('says why each status is unknown without a policy or a database, in JSON, and gates with --fail-on', async () => {
    const io = fakeIo(env);
    const noDb = join(dir, 'nowhere.db');
    const code = await clusterCommand(['images', '--kubeconfig', kubeconfig, '--db', noDb, '-f', 'json', '-q', '--fail-on', 'critical'], io);
    assert.equal(code, 1, 'unknown vulnerability statuses cannot pass a --fail-on gate');
    const report: { context: string; images: { image: string; digest?: string; digestSource: string; signature: unknown; vulnerabilities: unknown }[] } = JSON.parse(io.out());
    assert.equal(report.context, 'kind-test');
    assert.equal(io.err(), '');
    const unknownDb = { status: 'unknown', detail: `no advisory database at ${noDb} (run palisade db update, or give --db FILE); attestations are read only with --verify-policy` };
    const noPolicy = { status: 'unknown', source: 'none', detail: 'no verification policy given (--verify-policy FILE)' };
    assert.deepEqual(
      report.images.map(({ image, digest, digestSource, signature, vulnerabilities }) => ({ image, digest, digestSource, signature, vulnerabilities })),
      [
        { image: `${host}/team/plain:v1`, digest: digests.plain, digestSource: 'pod', signature: noPolicy, vulnerabilities: unknownDb },
        { image: `${host}/team/scanned@${digests.scanned}`, digest: digests.scanned, digestSource: 'pod', signature: noPolicy, vulnerabilities: unknownDb },
        { image: `${host}/team/signed:v1`, digest: digests.signed, digestSource: 'pod', signature: noPolicy, vulnerabilities: unknownDb },
        { image: `${host}/team/unsigned:v1`, digest: undefined, digestSource: 'unknown', signature: noPolicy, vulnerabilities: unknownDb },
        { image: `localhost:9/team/gone@sha256:${'9'.repeat(64)}`, digest: `sha256:${'9'.repeat(64)}`, digestSource: 'pod', signature: noPolicy, vulnerabilities: unknownDb },
      ],
    );
  });

  it('uses the watch store without pulling anything under --no-scan, and fails a critical gate on what the store shows', async () => {
    const io = fakeIo(env);
    const code = await clusterCommand(['images', '--kubeconfig', kubeconfig, '-n', 'shop', '--db', join(dir, 'advisories.db'), '--store', join(dir, 'watch.db'), '--no-scan', '-f', 'json', '--fail-on', 'critical', '--ca-file', registry.caFile ?? ''], io);
    const report: { images: { image: string; vulnerabilities: { status: string; source?: string; total?: number; detail: string } }[] } = JSON.parse(io.out());
    const byImage = new Map(report.images.map((image) => [image.image.replace(`${host}/team/`, ''), image.vulnerabilities]));
    assert.equal(byImage.get('unsigned:v1')?.source, 'store');
    assert.equal(byImage.get('unsigned:v1')?.total, 2);
    assert.equal(byImage.get('plain:v1')?.detail, `no attestation or stored SBOM for ${digests.plain}, and --no-scan forbids pulling the image; attestations are read only with --verify-policy`);
    assert.equal(code, 1, 'the store shows a critical vulnerability in team/unsigned');
  });

  it('refuses a --store that does not exist and a broken policy, before checking any image', async () => {
    const nowhere = join(dir, 'no-store.db');
    await assert.rejects(clusterCommand(['images', '-q', '--kubeconfig', kubeconfig, '--store', nowhere], fakeIo(env)), { code: 'DB_UNAVAILABLE', message: `No watch store at ${nowhere} (give the store palisade watch writes).` });
    await writeFile(join(dir, 'broken.yaml'), 'apiVersion: palisade.dev/v1alpha1\nkind: VerificationPolicy\nimages: [\n');
    await assert.rejects(clusterCommand(['images', '-q', '--kubeconfig', kubeconfig, '--verify-policy', join(dir, 'broken.yaml')], fakeIo(env)), { code: 'POLICY_INVALID' });
  });
});
