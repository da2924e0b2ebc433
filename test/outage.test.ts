// Issue 14, outage: the admission webhook under steady load (autocannon, as in bench/admission.ts)
// while the registry that holds the signatures is stopped and started again. Every request gets an
// answer (no timeout, no error, no non-200), the configured failure choice decides while the
// registry is down (fail-open admits with a warning, fail-closed denies), the metrics count exactly
// those answers, and verification works again once the registry is back. Real components: the
// Debian docker-registry (TLS, htpasswd) and the webhook's HTTPS server on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { FailureChoice } from '../src/admission/decide.ts';
import type { AdmissionEngine } from '../src/admission/engine.ts';
import { loadAdmissionEngine } from '../src/admission/engine.ts';
import { CachingImageVerifier } from '../src/admission/image-verifier.ts';
import { loadRegistryImageVerifier } from '../src/admission/registry-verifier.ts';
import type { RunningAdmissionServer } from '../src/admission/server.ts';
import { startAdmissionServer } from '../src/admission/server.ts';
import type { TestCertificates } from '../src/admission/test-certs.ts';
import { makeCertificates } from '../src/admission/test-certs.ts';
import { reviewOf } from '../src/admission/test-client.ts';
import { nullThrows } from '../src/core/index.ts';
import { openRegistryClient } from '../src/image/source/registry/index.ts';
import { exportPublicKey, generateKeyPair } from '../src/signing/keys/index.ts';
import { resolveImage, signImage } from '../src/signing/oci/index.ts';
import type { RegistryFixture } from './image/registry.ts';
import { findBinary, startRegistry } from './image/registry.ts';
import { pushTestImage } from './signing/raw-registry.ts';

/** The part of autocannon's API used here (it ships no type declarations). */
interface AutocannonResult {
  readonly requests: { readonly total: number };
  readonly errors: number;
  readonly non2xx: number;
  readonly timeouts: number;
}
interface AutocannonInstance {
  stop(): void;
}
type Autocannon = (options: Readonly<Record<string, unknown>>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon: Autocannon = createRequire(import.meta.url)('autocannon');

const missing = ['docker-registry', 'openssl'].find((tool) => findBinary(tool) === undefined);
const skip = missing === undefined ? false : `needs the Debian package ${missing}`;

/** Load: requests per second per server; each phase lasts until every server has answered this many. */
const RATE = 30;
const PER_PHASE = 5;
const DEADLINE_MS = 3000;

let registry: RegistryFixture | undefined;
let dir = '';
let certs: TestCertificates;
let engine: AdmissionEngine;
let image = '';
let env: Record<string, string> = {};
const servers: RunningAdmissionServer[] = [];

before(async () => {
  if (skip !== false) return;
  registry = await startRegistry({ auth: 'htpasswd' });
  dir = await mkdtemp(join(tmpdir(), 'palisade-outage-'));
  certs = makeCertificates(dir);
  const keys = generateKeyPair();
  await writeFile(join(dir, 'trusted.pub'), exportPublicKey(keys.publicKey));
  env = { DOCKER_CONFIG: dirname(await registry.writeDockerConfig()), PALISADE_CACHE_DIR: join(dir, 'cache'), PATH: '/nonexistent', HOME: '/nonexistent' };
  const policy = ['apiVersion: palisade.dev/v1alpha1', 'kind: VerificationPolicy', 'keys:', '  release:', '    path: trusted.pub', 'images:', '  - name: team', `    glob: ${registry.host}/team/**`, '    signatures:', '      keys: [release]', ''];
  await writeFile(join(dir, 'verify.yaml'), policy.join('\n'));
  await pushTestImage(registry, 'team/app', 'v1', 'outage');
  image = `${registry.host}/team/app:v1`;
  const client = await openRegistryClient(`docker://${image}`, { env, caFile: nullThrows(registry.caFile, 'tls'), push: true });
  try {
    await signImage(client, await resolveImage(client), keys.privateKey);
  } finally {
    client.close();
  }
  engine = await loadAdmissionEngine({ root: dir, failOn: 'critical' });
});

after(async () => {
  for (const server of servers) await server.close();
  await registry?.stop();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function serve(failure: FailureChoice): Promise<RunningAdmissionServer> {
  const fixture = nullThrows(registry, 'registry started');
  // Tags are re-checked on every request (no tag cache), so each request needs the registry.
  const inner = await loadRegistryImageVerifier(join(dir, 'verify.yaml'), { caFile: nullThrows(fixture.caFile, 'tls'), env, timeoutMs: 1000 });
  const imageVerifier = new CachingImageVerifier(inner, { tagTtlMs: 0 });
  const server = await startAdmissionServer({ engine, decision: { mode: 'enforce', imageVerifier, imageFailure: failure }, tls: { certPath: certs.certPath, keyPath: certs.keyPath }, port: 0, host: '127.0.0.1', deadlineMs: DEADLINE_MS });
  servers.push(server);
  return server;
}

type Answer = 'verified' | 'outage' | 'other';

interface Observed {
  readonly phase: 'before' | 'down' | 'after';
  readonly status: number;
  readonly answer: Answer;
}

function pod(reference: string): unknown {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: reference }] } };
}

/** Sorts a response body: verified and admitted, decided by the failure choice, or anything else. */
function classify(body: string, failure: FailureChoice): Answer {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || !('response' in parsed) || typeof parsed.response !== 'object' || parsed.response === null) return 'other';
  const response = parsed.response;
  const allowed = 'allowed' in response && response.allowed === true;
  const warnings = 'warnings' in response && Array.isArray(response.warnings) ? response.warnings.map(String) : [];
  const message = 'status' in response ? JSON.stringify(response.status) : '';
  const imageLines = [...warnings, message].filter((line) => line.includes('image-verification:'));
  if (allowed && imageLines.length === 0) return 'verified';
  const said = imageLines.join('\n');
  const outage = said.includes('could not be checked') && (failure === 'open' ? allowed && said.includes('admitted (fail-open)') : !allowed && said.includes('denied (fail-closed)'));
  return outage ? 'outage' : 'other';
}

interface Load {
  readonly observed: Observed[];
  readonly stop: () => Promise<AutocannonResult>;
}

/** Steady load on one server until `stop()`; every answer is recorded with the phase it arrived in. */
function startLoad(server: RunningAdmissionServer, failure: FailureChoice, phase: () => Observed['phase']): Load {
  const observed: Observed[] = [];
  let finish: (result: AutocannonResult) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<AutocannonResult>((resolveRun, rejectRun) => {
    finish = resolveRun;
    fail = rejectRun;
  });
  const instance = autocannon(
    {
      url: `https://127.0.0.1:${server.port}`,
      connections: 4,
      overallRate: RATE,
      duration: 120,
      timeout: DEADLINE_MS / 1000 + 2,
      tlsOptions: { ca: certs.ca },
      requests: [
        {
          method: 'POST',
          path: '/validate',
          headers: { 'content-type': 'application/json' },
          body: reviewOf(pod(image)),
          onResponse: (status: number, body: string) => observed.push({ phase: phase(), status, answer: classify(body, failure) }),
        },
      ],
    },
    (error, result) => (error === null ? finish(result) : fail(error)),
  );
  return {
    observed,
    stop: async () => {
      instance.stop();
      return finished;
    },
  };
}

/** Waits until every load has seen `count` answers of `answer` in `phase` (bounded by the test's timeout). */
async function until(loads: readonly Load[], phase: Observed['phase'], answer: Answer, count: number): Promise<void> {
  const enough = (): boolean => loads.every((load) => load.observed.filter((entry) => entry.phase === phase && entry.answer === answer).length >= count);
  while (!enough()) await sleep(50);
}

test('the webhook answers every request while the registry is down, as its failure choice says, and recovers', { skip, timeout: 60_000 }, async () => {
  const fixture = nullThrows(registry, 'registry started');
  const open = await serve('open');
  const closed = await serve('closed');
  let phase: Observed['phase'] = 'before';
  const loads = [startLoad(open, 'open', () => phase), startLoad(closed, 'closed', () => phase)];
  await until(loads, 'before', 'verified', PER_PHASE);
  phase = 'down';
  await fixture.suspend();
  await until(loads, 'down', 'outage', PER_PHASE);
  await fixture.resume();
  phase = 'after';
  await until(loads, 'after', 'verified', PER_PHASE);
  const [openRun, closedRun] = loads;
  assert.ok(openRun !== undefined && closedRun !== undefined);
  const [openResult, closedResult] = await Promise.all([openRun.stop(), closedRun.stop()]);

  for (const [name, server, result, seen, failure] of [['fail-open', open, openResult, openRun.observed, 'open'], ['fail-closed', closed, closedResult, closedRun.observed, 'closed']] as const) {
    assert.deepEqual({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }, { errors: 0, timeouts: 0, non2xx: 0 }, name);
    assert.ok(seen.length > 0 && seen.length <= result.requests.total && seen.every((entry) => entry.status === 200), `${name}: every answer is a 200`);
    assert.deepEqual(seen.filter((entry) => entry.answer === 'other'), [], `${name}: only verified or failure-choice answers`);
    const count = (wanted: Observed['phase'], answer: Answer): number => seen.filter((entry) => entry.phase === wanted && entry.answer === answer).length;
    assert.ok(count('before', 'verified') > 0 && count('before', 'outage') === 0, `${name}: verified before the outage: ${JSON.stringify(seen.map((entry) => `${entry.phase}:${entry.answer}`))}`);
    assert.ok(count('down', 'outage') > 0, `${name}: the failure choice decided during the outage`);
    assert.equal(seen.at(-1)?.answer, 'verified', `${name}: verified again after the registry came back`);
    const outages = seen.filter((entry) => entry.answer === 'outage').length;
    assert.equal(server.metrics.counter('palisade_admission_image_check_errors_total', { failure }), outages, `${name}: metrics count the undecidable checks`);
  }
});
