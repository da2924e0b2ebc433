// Image signatures at admission, against the real registry (Debian packages docker-registry and
// openssl): an image signed with the policy's key is admitted, an unsigned one is denied with the
// verifier's message, and an unreachable registry follows the failure choice.
import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { findBinary, startRegistry } from '../../test/image/registry.ts';
import type { RegistryFixture } from '../../test/image/registry.ts';
import { pushTestImage } from '../../test/signing/raw-registry.ts';
import { openRegistryClient } from '../image/source/registry/index.ts';
import { resolveImage, signImage } from '../signing/oci/index.ts';
import { nullThrows } from '../core/index.ts';
import type { JsonObject } from '../kubernetes/index.ts';
import { exportPublicKey, generateKeyPair } from '../signing/keys/index.ts';
import type { DecisionSettings } from './decide.ts';
import { decide } from './decide.ts';
import type { AdmissionEngine } from './engine.ts';
import { loadAdmissionEngine } from './engine.ts';
import { CachingImageVerifier } from './image-verifier.ts';
import { loadRegistryImageVerifier } from './registry-verifier.ts';

const missing = ['docker-registry', 'openssl'].find((tool) => findBinary(tool) === undefined);
const skip = missing === undefined ? false : `needs the Debian package ${missing}`;

let registry: RegistryFixture | undefined;
let dir = '';
let env: Record<string, string> = {};
let engine: AdmissionEngine;
let signingKey: KeyObject | undefined;

before(async () => {
  if (skip !== false) return;
  registry = await startRegistry({ auth: 'htpasswd' });
  dir = await mkdtemp(join(tmpdir(), 'palisade-admission-registry-'));
  const trusted = generateKeyPair();
  signingKey = trusted.privateKey;
  await writeFile(join(dir, 'trusted.key'), trusted.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  await writeFile(join(dir, 'trusted.pub'), exportPublicKey(trusted.publicKey));
  env = { DOCKER_CONFIG: dirname(await registry.writeDockerConfig()), PALISADE_CACHE_DIR: join(dir, 'cache'), PATH: '/nonexistent', HOME: '/nonexistent' };
  const policy = ['apiVersion: palisade.dev/v1alpha1', 'kind: VerificationPolicy', 'keys:', '  release:', '    path: trusted.pub', 'images:', '  - name: team', `    glob: ${registry.host}/team/**`, '    signatures:', '      keys: [release]', ''];
  await writeFile(join(dir, 'verify.yaml'), policy.join('\n'));
  engine = await loadAdmissionEngine({ root: dir, failOn: 'critical' });
});

after(async () => {
  await registry?.stop();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

function pod(image: string): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', image }] } };
}

async function admit(image: string, settings: Omit<DecisionSettings, 'mode'>): Promise<{ allowed: boolean; message: string | undefined; warnings: readonly string[] }> {
  const decision = await decide(engine, { uid: 'u', operation: 'CREATE', namespace: 'shop', object: pod(image), oldObject: undefined, dryRun: false, userInfo: {} }, { mode: 'enforce', ...settings }, { now: new Date(), signal: AbortSignal.timeout(20_000) });
  return { allowed: decision.allowed, message: decision.message, warnings: decision.warnings.filter((line) => line.startsWith('image-verification: ')) };
}

test('signature required: signed images are admitted, unsigned ones denied, unreachable registries follow the failure choice', { skip }, async () => {
  const fixture = nullThrows(registry, 'registry started');
  const caFile = nullThrows(fixture.caFile, 'tls');
  await pushTestImage(fixture, 'team/signed', 'v1', 'signed');
  const unsigned = await pushTestImage(fixture, 'team/unsigned', 'v1', 'unsigned');
  const client = await openRegistryClient(`docker://${fixture.host}/team/signed:v1`, { env, caFile, push: true });
  try {
    await signImage(client, await resolveImage(client), nullThrows(signingKey, 'key made'));
  } finally {
    client.close();
  }

  const imageVerifier = new CachingImageVerifier(await loadRegistryImageVerifier(join(dir, 'verify.yaml'), { caFile, env }));
  const signed = await admit(`${fixture.host}/team/signed:v1`, { imageVerifier });
  assert.deepEqual(signed, { allowed: true, message: undefined, warnings: [] });
  const denied = await admit(`${fixture.host}/team/unsigned:v1`, { imageVerifier });
  assert.equal(denied.allowed, false);
  assert.equal(denied.message?.split('\n')[1], `- image-verification: image ${fixture.host}/team/unsigned:v1: no signatures found for ${unsigned}`);
  assert.equal(imageVerifier.calls, 2);
  await admit(`${fixture.host}/team/signed:v1`, { imageVerifier });
  assert.equal(imageVerifier.calls, 2, 'the second check of the signed image is cached');

  const unreachable = new CachingImageVerifier(await loadRegistryImageVerifier(join(dir, 'verify.yaml'), { caFile, env, timeoutMs: 1000 }));
  const closed = await admit('127.0.0.1:9/team/x:v1', { imageVerifier: unreachable, imageFailure: 'closed' });
  assert.equal(closed.allowed, false);
  assert.match(closed.message?.split('\n')[1] ?? '', /^- image-verification: image 127\.0\.0\.1:9\/team\/x:v1 could not be checked \(.+\); denied \(fail-closed\)$/);
  const open = await admit('127.0.0.1:9/team/x:v1', { imageVerifier: unreachable, imageFailure: 'open' });
  assert.equal(open.allowed, true);
  assert.match(open.warnings[0] ?? '', /could not be checked \(.+\); admitted \(fail-open\)$/);
});
