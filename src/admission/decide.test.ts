import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { JsonObject, JsonValue } from '../kubernetes/index.ts';
import type { AdmissionDecision, DecisionSettings } from './decide.ts';
import { decide } from './decide.ts';
import type { AdmissionEngine, AdmissionEngineOptions } from './engine.ts';
import { loadAdmissionEngine } from './engine.ts';
import type { ImageVerifier } from './image-verifier.ts';
import type { AdmissionRequest } from './review.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WORK = mkdtempSync(join(tmpdir(), 'palisade-decide-'));
after(() => rmSync(WORK, { recursive: true, force: true }));
const NOW = new Date('2026-11-27T12:00:00Z');

function folder(name: string, files: Readonly<Record<string, string>>): string {
  const path = join(WORK, name);
  mkdirSync(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(path, file, '..'), { recursive: true });
    writeFileSync(join(path, file), text);
  }
  return path;
}

async function engineIn(name: string, files: Readonly<Record<string, string>>, options: AdmissionEngineOptions = {}): Promise<AdmissionEngine> {
  return loadAdmissionEngine({ root: folder(name, files), skipRules: ['require-network-policy'], ...options });
}

function request(object: JsonObject | undefined, fields: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return { uid: 'u', operation: 'CREATE', namespace: 'shop', object, oldObject: undefined, dryRun: false, userInfo: {}, ...fields };
}

function run(engine: AdmissionEngine, object: JsonObject | undefined, settings: Partial<DecisionSettings> = {}, fields: Partial<AdmissionRequest> = {}): Promise<AdmissionDecision> {
  return decide(engine, request(object, fields), { mode: 'enforce', ...settings }, { now: NOW, signal: AbortSignal.timeout(5000) });
}

/** A Pod with one container and the given container securityContext. */
function pod(securityContext: JsonObject, images: readonly string[] = ['registry.example.com/app:1.0']): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'shop' },
    spec: { containers: images.map((image, index) => ({ name: `c${index}`, image, securityContext })) },
  };
}

const PRIVILEGED = 'K8S-0001 no-privileged-container (critical): Container "c0" must not set securityContext.privileged=true (PodSecurity "restricted:latest").';

test('failOn and severity overrides come from the configuration, as in palisade scan', async () => {
  const strict = await engineIn('strict', { '.palisade.yaml': 'failOn: low\n' });
  const decision = await run(strict, pod({}));
  assert.equal(decision.allowed, false);
  assert.ok(decision.failing.some((finding) => finding.severity === 'low'));
  const lenient = await engineIn('lenient', { '.palisade.yaml': 'severityOverrides:\n  no-privileged-container: low\n' });
  const relaxed = await run(lenient, pod({ privileged: true }));
  assert.equal(relaxed.failing.some((finding) => finding.ruleId === 'K8S-0001'), false);
  assert.ok(relaxed.warnings.includes(PRIVILEGED.replace('(critical)', '(low)')));
});

test('an expired exception waives nothing and is a warning, not a denial of its own', async () => {
  const exceptions = 'exceptions:\n  - rule: no-privileged-container\n    reason: Old agent needs it\n    owner: ops@example.com\n    expires: 2026-01-01\n';
  const engine = await engineIn('expired', { '.palisade/exceptions.yaml': exceptions });
  const decision = await run(engine, pod({ privileged: true }), { maxWarnings: 100 });
  assert.equal(decision.allowed, false);
  assert.deepEqual(decision.failingPolicies, ['K8S-0001', 'K8S-0003', 'K8S-0004', 'K8S-0101', 'K8S-0112'].filter((id) => decision.failingPolicies.includes(id)));
  assert.ok(decision.failingPolicies.includes('K8S-0001'));
  assert.ok(decision.warnings.some((line) => line.startsWith('GATE-0001 ')), JSON.stringify(decision.warnings));
});

test('an object nested deeper than the loader reads is denied, not passed unread', async () => {
  const engine = await engineIn('deep', {});
  let deep: JsonValue = 'x';
  for (let depth = 0; depth < 300; depth += 1) deep = { d: deep };
  const decision = await run(engine, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deep' }, data: {}, extra: deep });
  assert.equal(decision.allowed, false);
  assert.deepEqual(decision.failingPolicies, ['unreadable']);
  assert.equal(decision.message?.split('\n')[1], '- unreadable: palisade could not read the object: Document 1 nests deeper than 256 levels; it was not read.');
});

test('a replacement character in a value is not mistaken for an unreadable object', async () => {
  const engine = await engineIn('replacement', {});
  const decision = await run(engine, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { text: 'broken \ufffd byte' } });
  assert.equal(decision.allowed, true);
  assert.ok(!decision.failingPolicies.includes('unreadable'));
});

test('warnings are capped, the last one counting the rest', async () => {
  const engine = await engineIn('cap', { '.palisade.yaml': 'failOn: critical\n' });
  const decision = await run(engine, pod({}), { maxWarnings: 3 });
  assert.equal(decision.warnings.length, 3);
  assert.match(decision.warnings[2] ?? '', /^… and \d+ more finding\(s\)$/);
});

test('each distinct image is verified once; objects without a pod spec are not', async () => {
  const engine = await engineIn('images', { '.palisade.yaml': 'failOn: critical\n' });
  const seen: string[] = [];
  const verifier: ImageVerifier = {
    verify: async (reference) => {
      seen.push(reference);
      return { verified: true };
    },
  };
  const decision = await run(engine, pod({}, ['a.example.com/x:1', 'a.example.com/x:1', 'b.example.com/y@sha256:' + 'a'.repeat(64)]), { imageVerifier: verifier });
  assert.equal(decision.allowed, true);
  assert.deepEqual(seen, ['a.example.com/x:1', `b.example.com/y@sha256:${'a'.repeat(64)}`]);
  await run(engine, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { imageVerifier: verifier });
  assert.equal(seen.length, 2);
});

test('audit annotations published by a ValidatingAdmissionPolicy are returned', async () => {
  const engine = await engineIn('annotations', {}, { policies: [join(ROOT, 'src', 'policy', 'vap', '__fixtures__', 'audit-annotations', 'policy.yaml')] });
  const decision = await run(engine, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { replicas: 3 } });
  const published = Object.entries(decision.auditAnnotations).filter(([key]) => key.startsWith('demo-policy.example.com.'));
  assert.deepEqual(published, [['demo-policy.example.com.high-replica-count', 'Deployment spec.replicas set to 3']]);
});

test('CONNECT and DELETE are not evaluated; a cluster-scoped object is', async () => {
  const engine = await engineIn('operations', {});
  assert.equal((await run(engine, pod({ privileged: true }), {}, { operation: 'CONNECT' })).outcome, 'skipped');
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'all' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };
  const decision = await run(engine, role, {}, { namespace: undefined });
  assert.equal(decision.allowed, false);
  assert.match(decision.message ?? '', /^palisade denied ClusterRole all: /);
});
