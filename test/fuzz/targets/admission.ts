// AdmissionReview bodies (src/admission/review.ts), then the decision on whatever parses: the
// webhook answers every body with a typed verdict; it never throws.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide } from '../../../src/admission/decide.ts';
import { loadAdmissionEngine } from '../../../src/admission/engine.ts';
import { parseAdmissionReview } from '../../../src/admission/review.ts';
import type { FuzzTarget } from '../harness.ts';
import { onlyCodedErrors, onlyCodedErrorsAsync, utf8, violation } from '../harness.ts';

const root = mkdtempSync(join(tmpdir(), 'palisade-fuzz-admission-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const engine = await loadAdmissionEngine({ root, skipRules: ['require-network-policy'] });
const NOW = new Date('2026-11-27T12:00:00Z');

function review(object: unknown, fields: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', operation: 'CREATE', namespace: 'shop', object, userInfo: { username: 'alice', groups: ['dev'] }, dryRun: false, ...fields } }, null, 2);
}

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'shop', labels: { app: 'a' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'registry.example.com/app:1.0', securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['NET_ADMIN'] } }, env: [{ name: 'PASSWORD', value: 'hunter2' }] }] } };
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }] }], volumes: [{ name: 'h', hostPath: { path: '/' } }] } } } };
const ROLE = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };

// The first decision loads the rule catalogue lazily: done here, so that the hang watchdog does not count it.
const warmUp = parseAdmissionReview(JSON.parse(review(POD)));
if (warmUp.ok) await decide(engine, warmUp.request, { mode: 'enforce' }, { now: NOW, signal: AbortSignal.timeout(60_000) });

export const targets: readonly FuzzTarget[] = [
  {
    name: 'admission-review',
    syntax: 'json',
    samples: [review(POD), review(DEPLOYMENT, { operation: 'UPDATE', oldObject: DEPLOYMENT }), review(ROLE, { namespace: '' }), review(null, { operation: 'DELETE', oldObject: POD })],
    async check(input) {
      let body: unknown;
      try {
        body = JSON.parse(utf8(input));
      } catch {
        return; // the server answers a body that is not JSON with 400 before parsing the review
      }
      const parsed = onlyCodedErrors(() => parseAdmissionReview(body), []);
      if (parsed === undefined) return;
      if (!parsed.ok) {
        violation(parsed.message !== '', 'a refused review without a message');
        return;
      }
      const decision = await onlyCodedErrorsAsync(() => decide(engine, parsed.request, { mode: 'enforce' }, { now: NOW, signal: AbortSignal.timeout(5000) }), []);
      violation(decision !== undefined && typeof decision.allowed === 'boolean', 'the decision has no allowed flag');
    },
  },
];
