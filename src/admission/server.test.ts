import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { ImageVerifier } from './image-verifier.ts';
import type { AdmissionEngine } from './engine.ts';
import { loadAdmissionEngine } from './engine.ts';
import { admissionManifests } from './manifests.ts';
import type { AdmissionServerOptions, RunningAdmissionServer } from './server.ts';
import { startAdmissionServer } from './server.ts';
import type { TestCertificates } from './test-certs.ts';
import { hasOpenssl, makeCertificates } from './test-certs.ts';
import { httpsRequest, reviewOf } from './test-client.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const OPENSSL = hasOpenssl();
const skip = OPENSSL ? false : 'needs the Debian package openssl';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replica-limit
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["apps"]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
      message: "at most 5 replicas"
`;

const EXCEPTIONS = `exceptions:
  - rule: no-privileged-container
    object: { namespace: legacy }
    reason: The legacy node agent needs privileged mode until it is replaced
    owner: platform@example.com
    expires: 2099-12-31
`;

let folder = '';
let certs: TestCertificates;
let engine: AdmissionEngine;
const servers: RunningAdmissionServer[] = [];

before(async () => {
  if (!OPENSSL) return;
  folder = mkdtempSync(join(tmpdir(), 'palisade-admission-'));
  certs = makeCertificates(folder);
  mkdirSync(join(folder, 'policies'));
  writeFileSync(join(folder, 'policies', 'replicas.yaml'), POLICY);
  writeFileSync(join(folder, 'exceptions.yaml'), EXCEPTIONS);
  engine = await loadAdmissionEngine({ root: folder, policies: [join(folder, 'policies')], exceptionsPath: join(folder, 'exceptions.yaml'), skipRules: ['require-network-policy'] });
});

after(async () => {
  for (const server of servers) await server.close();
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

async function serve(overrides: Partial<AdmissionServerOptions> = {}): Promise<RunningAdmissionServer> {
  const server = await startAdmissionServer({ engine, decision: { mode: 'enforce' }, tls: { certPath: certs.certPath, keyPath: certs.keyPath }, port: 0, host: '127.0.0.1', now: () => new Date('2026-11-27T12:00:00Z'), ...overrides });
  servers.push(server);
  return server;
}

/** The insecure example Deployment (privileged, hostNetwork, hostPath, a password in env). */
function insecureDeployment(namespace = 'shop'): Record<string, unknown> {
  const [document] = parseAllDocuments(readFileSync(join(ROOT, 'examples', 'insecure-app', 'k8s', 'deployment.yaml'), 'utf8'));
  const object: unknown = document?.toJS();
  assert.ok(isRecord(object));
  const metadata = object['metadata'];
  assert.ok(isRecord(metadata));
  return { ...object, metadata: { ...metadata, namespace } };
}

/** The webhook's own Deployment (restricted, limits, probes): it passes. */
function compliantDeployment(replicas = 2): Record<string, unknown> {
  const documents = parseAllDocuments(admissionManifests({ trust: { kind: 'cert-manager' }, namespace: 'shop' })).map((document): unknown => document.toJS());
  const found = documents.find((object) => isRecord(object) && object['kind'] === 'Deployment');
  assert.ok(isRecord(found));
  const spec = found['spec'];
  assert.ok(isRecord(spec));
  return { ...found, spec: { ...spec, replicas } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ReviewResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: { readonly code: number; readonly message: string };
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

async function admit(server: RunningAdmissionServer, body: string): Promise<ReviewResponse> {
  const answer = await httpsRequest(server.port, certs.ca, 'POST', '/validate', body);
  assert.equal(answer.status, 200, answer.text);
  const parsed: unknown = JSON.parse(answer.text);
  assert.ok(isRecord(parsed) && parsed['apiVersion'] === 'admission.k8s.io/v1' && parsed['kind'] === 'AdmissionReview');
  const response = parsed['response'];
  assert.ok(isRecord(response));
  const { uid, allowed, status, warnings, auditAnnotations } = response;
  assert.ok(typeof uid === 'string' && typeof allowed === 'boolean');
  return {
    uid,
    allowed,
    ...(isRecord(status) ? { status: { code: Number(status['code']), message: String(status['message']) } } : {}),
    ...(Array.isArray(warnings) ? { warnings: warnings.map(String) } : {}),
    ...(isRecord(auditAnnotations) ? { auditAnnotations: Object.fromEntries(Object.entries(auditAnnotations).map(([key, value]) => [key, String(value)])) } : {}),
  };
}

const PRIVILEGED = 'K8S-0001 no-privileged-container (critical): Container "orders" must not set securityContext.privileged=true (PodSecurity "restricted:latest").';

test('allows a compliant Deployment, echoing the uid', { skip }, async () => {
  const server = await serve();
  const response = await admit(server, reviewOf(compliantDeployment()));
  assert.deepEqual(response, { uid: 'uid-1', allowed: true, auditAnnotations: { 'palisade.dev/findings': '0', 'palisade.dev/decision': 'allowed' } });
});

test('denies the insecure Deployment with the rules\' messages', { skip }, async () => {
  const server = await serve();
  const response = await admit(server, reviewOf(insecureDeployment()));
  assert.equal(response.allowed, false);
  assert.equal(response.status?.code, 403);
  const lines = response.status?.message.split('\n') ?? [];
  assert.match(lines[0] ?? '', /^palisade denied Deployment shop\/orders: \d+ problem\(s\) at or above high:$/);
  assert.ok(lines.includes(`- ${PRIVILEGED}`), lines.join('\n'));
  assert.equal(response.auditAnnotations?.['palisade.dev/decision'], 'denied');
  assert.match(response.auditAnnotations?.['palisade.dev/failing'] ?? '', /(^|,)K8S-0001(,|$)/);
});

test('denies what a ValidatingAdmissionPolicy denies, with its message', { skip }, async () => {
  const server = await serve();
  const response = await admit(server, reviewOf(compliantDeployment(6)));
  assert.equal(response.allowed, false);
  assert.ok(response.status?.message.split('\n').some((line) => line.startsWith('- replica-limit ') && line.endsWith(': at most 5 replicas')), response.status?.message);
});

test('audit and warn modes admit with the failing findings as warnings', { skip }, async () => {
  for (const mode of ['audit', 'warn'] as const) {
    const server = await serve({ decision: { mode, maxWarnings: 100 } });
    const response = await admit(server, reviewOf(insecureDeployment()));
    assert.equal(response.allowed, true);
    assert.equal(response.status, undefined);
    assert.ok(response.warnings?.includes(PRIVILEGED), `${mode}: ${JSON.stringify(response.warnings)}`);
    assert.equal(response.auditAnnotations?.['palisade.dev/decision'], `admitted in ${mode} mode`);
  }
});

test('UPDATE is judged on the new object; failures the old object had are counted in an annotation', { skip }, async () => {
  const server = await serve();
  const fixed = await admit(server, reviewOf(compliantDeployment(), { operation: 'UPDATE', oldObject: insecureDeployment() }));
  assert.equal(fixed.allowed, true);
  const still = await admit(server, reviewOf(insecureDeployment(), { operation: 'UPDATE', oldObject: insecureDeployment() }));
  assert.equal(still.allowed, false);
  const problems = (still.status?.message.split('\n').length ?? 1) - 1;
  assert.ok(problems > 0);
  assert.equal(still.auditAnnotations?.['palisade.dev/preexisting'], String(problems));
  const broke = await admit(server, reviewOf(insecureDeployment(), { operation: 'UPDATE', oldObject: compliantDeployment() }));
  assert.equal(broke.allowed, false);
  assert.equal(broke.auditAnnotations?.['palisade.dev/preexisting'], undefined);
});

test('DELETE is not evaluated', { skip }, async () => {
  const server = await serve();
  const response = await admit(server, reviewOf(null, { operation: 'DELETE', oldObject: insecureDeployment() }));
  assert.deepEqual(response, { uid: 'uid-1', allowed: true, auditAnnotations: { 'palisade.dev/decision': 'not evaluated (DELETE)' } });
});

test('exempt namespaces are admitted unevaluated; the exceptions file waives a rule per namespace', { skip }, async () => {
  const server = await serve({ decision: { mode: 'enforce', exemptNamespaces: new Set(['ops']) } });
  const exempt = await admit(server, reviewOf(insecureDeployment('ops'), { namespace: 'ops' }));
  assert.deepEqual(exempt, { uid: 'uid-1', allowed: true, auditAnnotations: { 'palisade.dev/decision': 'namespace ops is exempt' } });
  const legacy = await admit(server, reviewOf(insecureDeployment('legacy'), { namespace: 'legacy' }));
  assert.equal(legacy.allowed, false, 'the other findings still deny');
  assert.ok(!(legacy.status?.message.includes('K8S-0001') ?? true), legacy.status?.message);
  assert.ok(Number(legacy.auditAnnotations?.['palisade.dev/suppressed']) >= 1);
});

test('a dry run is evaluated but not counted as enforcement', { skip }, async () => {
  const server = await serve();
  const response = await admit(server, reviewOf(insecureDeployment(), { dryRun: true }));
  assert.equal(response.allowed, false);
  assert.equal(server.metrics.counter('palisade_admission_enforced_total'), 0);
  assert.equal(server.metrics.counter('palisade_admission_requests_total', { decision: 'denied', mode: 'enforce', dry_run: 'true' }), 1);
  await admit(server, reviewOf(insecureDeployment()));
  assert.equal(server.metrics.counter('palisade_admission_enforced_total'), 1);
});

test('malformed JSON, a non-review and a 10 MB body get 400 and the server goes on', { skip }, async () => {
  const server = await serve();
  const malformed = await httpsRequest(server.port, certs.ca, 'POST', '/validate', '{"apiVersion": "admission.k8s.io/v1", ');
  assert.equal(malformed.status, 400);
  assert.match(malformed.text, /^malformed JSON: /);
  const wrong = await httpsRequest(server.port, certs.ca, 'POST', '/validate', JSON.stringify({ apiVersion: 'v1', kind: 'Pod' }));
  assert.equal(wrong.status, 400);
  assert.equal(wrong.text, 'not an AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview\n');
  const noUid = await httpsRequest(server.port, certs.ca, 'POST', '/validate', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'CREATE' } }));
  assert.equal(noUid.text, 'not an AdmissionReview: request.uid must be a non-empty string\n');
  const huge = await httpsRequest(server.port, certs.ca, 'POST', '/validate', Buffer.alloc(10 * 1024 * 1024, 0x20));
  assert.equal(huge.status, 400);
  assert.equal(huge.text, `body of ${10 * 1024 * 1024} bytes is over the limit of ${3 * 1024 * 1024}\n`);
  const after = await admit(server, reviewOf(compliantDeployment()));
  assert.equal(after.allowed, true);
  assert.equal(server.metrics.counter('palisade_admission_bad_requests_total', { reason: 'malformed' }), 1);
  assert.equal(server.metrics.counter('palisade_admission_bad_requests_total', { reason: 'too-large' }), 1);
  assert.equal(server.metrics.counter('palisade_admission_bad_requests_total', { reason: 'not-a-review' }), 2);
});

test('health, readiness, metrics and unknown paths', { skip }, async () => {
  const server = await serve();
  await admit(server, reviewOf(insecureDeployment()));
  assert.deepEqual(await plain(server, 'GET', '/healthz'), { status: 200, text: 'ok\n' });
  assert.deepEqual(await plain(server, 'GET', '/readyz'), { status: 200, text: 'ready\n' });
  assert.deepEqual(await plain(server, 'GET', '/nowhere'), { status: 404, text: 'not found\n' });
  assert.deepEqual(await plain(server, 'GET', '/validate'), { status: 405, text: 'POST an AdmissionReview\n' });
  const metrics = await plain(server, 'GET', '/metrics');
  assert.ok(metrics.text.includes('palisade_admission_requests_total{decision="denied",mode="enforce",dry_run="false"} 1\n'), metrics.text);
  assert.ok(metrics.text.includes('palisade_admission_policy_decisions_total{policy="K8S-0001",decision="denied",dry_run="false"} 1\n'));
  assert.ok(metrics.text.includes('# TYPE palisade_admission_request_duration_seconds histogram\n'));
  assert.ok(metrics.text.includes('palisade_admission_request_duration_seconds_count{decision="denied"} 1\n'));
  assert.ok(metrics.text.includes('palisade_admission_policy_duration_seconds_bucket{policy="K8S-0001",decision="denied",le="+Inf"} 1\n'));
});

async function plain(server: RunningAdmissionServer, method: string, path: string): Promise<{ status: number; text: string }> {
  const answer = await httpsRequest(server.port, certs.ca, method, path);
  return { status: answer.status, text: answer.text };
}

test('image checks: unverified images deny; undecidable ones follow the failure choice', { skip }, async () => {
  const verifier: ImageVerifier = {
    verify: async (reference) => {
      if (reference.startsWith('prom/')) throw new Error('registry unreachable');
      return reference.includes('orders') ? { verified: false, message: 'no signature' } : { verified: true };
    },
  };
  const closed = await serve({ decision: { mode: 'enforce', imageVerifier: verifier, imageFailure: 'closed' } });
  const denied = await admit(closed, reviewOf(insecureDeployment()));
  const lines = denied.status?.message.split('\n') ?? [];
  assert.ok(lines.includes('- image-verification: image registry.example.com/shop/orders:latest: no signature'), lines.join('\n'));
  assert.ok(lines.includes('- image-verification: image prom/statsd-exporter could not be checked (registry unreachable); denied (fail-closed)'));
  assert.equal(closed.metrics.counter('palisade_admission_image_check_errors_total', { failure: 'closed' }), 1);
  const open = await serve({ decision: { mode: 'enforce', imageVerifier: verifier, imageFailure: 'open' } });
  const compliant = compliantDeployment();
  const response = await admit(open, reviewOf(withImage(compliant, 'prom/statsd-exporter:v0.28.0')));
  assert.equal(response.allowed, true);
  assert.deepEqual(response.warnings, ['image-verification: image prom/statsd-exporter:v0.28.0 could not be checked (registry unreachable); admitted (fail-open)']);
});

function withImage(deployment: Record<string, unknown>, image: string): Record<string, unknown> {
  const text = JSON.stringify(deployment).replace(/"image":"[^"]*"/, `"image":${JSON.stringify(image)}`);
  const parsed: unknown = JSON.parse(text);
  assert.ok(isRecord(parsed));
  return parsed;
}

test('past maxInFlight, requests get 429 at once instead of waiting', { skip }, async () => {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolveGate) => {
    release = resolveGate;
  });
  let called = false;
  const hanging: ImageVerifier = {
    verify: async () => {
      called = true;
      await gate;
      return { verified: true };
    },
  };
  const server = await serve({ decision: { mode: 'enforce', imageVerifier: hanging }, deadlineMs: 29_000, maxInFlight: 1 });
  const slow = admit(server, reviewOf(compliantDeployment()));
  // The first request is in flight once it waits for its image check.
  for (let attempt = 0; attempt < 1000 && !called; attempt += 1) await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  assert.ok(called);
  const shed = await httpsRequest(server.port, certs.ca, 'POST', '/validate', reviewOf(compliantDeployment()));
  assert.equal(shed.status, 429);
  assert.equal(shed.headers['retry-after'], '1');
  assert.equal(shed.text, 'overloaded: too many admission requests in flight\n');
  release();
  assert.equal((await slow).allowed, true);
  assert.equal(server.metrics.counter('palisade_admission_shed_total'), 1);
});

test('a request past its deadline gets the failure choice', { skip }, async () => {
  const never: ImageVerifier = { verify: () => new Promise(() => undefined) };
  const closed = await serve({ decision: { mode: 'enforce', imageVerifier: never }, deadlineMs: 200 });
  const denied = await admit(closed, reviewOf(compliantDeployment()));
  assert.equal(denied.allowed, false);
  assert.equal(denied.status?.message, 'deadline of 200 ms passed before the checks finished; denied (fail-closed)');
  assert.equal(closed.metrics.counter('palisade_admission_deadline_exceeded_total'), 1);
  const open = await serve({ decision: { mode: 'enforce', imageVerifier: never }, deadlineMs: 200, onDeadline: 'open' });
  const admitted = await admit(open, reviewOf(compliantDeployment()));
  assert.deepEqual(admitted, {
    uid: 'uid-1',
    allowed: true,
    warnings: ['palisade: deadline of 200 ms passed before the checks finished; admitted (fail-open)'],
    auditAnnotations: { 'palisade.dev/decision': 'deadline exceeded (fail-open)' },
  });
});

test('a new certificate and key are served after the files change', { skip }, async () => {
  // Its own copies of the files: the other tests keep the first pair.
  const tls = { certPath: join(folder, 'reload.crt'), keyPath: join(folder, 'reload.key') };
  writeFileSync(tls.certPath, readFileSync(certs.certPath));
  writeFileSync(tls.keyPath, readFileSync(certs.keyPath));
  const server = await serve({ tls });
  const next = makeCertificates(folder, 'next-');
  await assert.rejects(httpsRequest(server.port, next.ca, 'GET', '/healthz'));
  writeFileSync(tls.keyPath, readFileSync(next.keyPath));
  writeFileSync(tls.certPath, readFileSync(next.certPath));
  let answer: { status: number } | undefined;
  for (let attempt = 0; attempt < 150 && answer === undefined; attempt += 1) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    answer = await httpsRequest(server.port, next.ca, 'GET', '/healthz').catch(() => undefined);
  }
  assert.equal(answer?.status, 200);
  assert.equal(server.metrics.counter('palisade_admission_tls_reloads_total', { result: 'ok' }) >= 1, true);
});

test('/mutate pins verified images when enabled, and is not served otherwise', { skip }, async () => {
  const digest = `sha256:${'d'.repeat(64)}`;
  const verifier: ImageVerifier = { verify: async () => ({ verified: true, digest }) };
  const off = await serve({ decision: { mode: 'enforce', imageVerifier: verifier } });
  assert.equal((await httpsRequest(off.port, certs.ca, 'POST', '/mutate', reviewOf(compliantDeployment()))).status, 404);
  const on = await serve({ decision: { mode: 'enforce', imageVerifier: verifier }, mutate: true });
  const answer = await httpsRequest(on.port, certs.ca, 'POST', '/mutate', reviewOf(compliantDeployment()));
  assert.equal(answer.status, 200);
  const parsed: unknown = JSON.parse(answer.text);
  assert.ok(isRecord(parsed) && isRecord(parsed['response']));
  const { uid, allowed, patchType, patch } = parsed['response'];
  assert.deepEqual([uid, allowed, patchType], ['uid-1', true, 'JSONPatch']);
  assert.equal(Buffer.from(String(patch), 'base64').toString('utf8'), JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: `ghcr.io/palisade-dev/palisade:0.1.0@${digest}` }]));
});
