import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { loadManifests } from '../kubernetes/load.ts';
import { createKubernetesObjectArtifact } from '../kubernetes/model.ts';
import { compilePalisadePolicies } from '../policy/palisade-policy/index.ts';
import { evaluateAuditLog } from './evaluate.ts';
import { MAX_AUDIT_LINE_CHARS } from './events.ts';

let counter = 0;
/** An audit.k8s.io/v1 Event as the log backend writes it. */
function event(fields: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Request',
    auditID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/shop/pods',
    verb: 'get',
    user: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-11-27T10:00:00.000000Z',
    stageTimestamp: '2026-11-27T10:00:00.010000Z',
    ...fields,
  };
}

async function logFile(lines: readonly (Record<string, unknown> | string)[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-audit-'));
  const file = join(dir, 'audit.log');
  await writeFile(file, `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`);
  return file;
}

async function findings(lines: readonly (Record<string, unknown> | string)[]): Promise<string[]> {
  const result = await evaluateAuditLog(await logFile(lines), 'audit.log', []);
  return result.findings.map((finding) => `${finding.location.startLine ?? 0} ${finding.ruleId} ${finding.severity}: ${finding.message}`);
}

const exec = event({ verb: 'create', requestURI: '/api/v1/namespaces/shop/pods/web-1/exec?command=sh', objectRef: { resource: 'pods', namespace: 'shop', name: 'web-1', apiVersion: 'v1', subresource: 'exec' }, responseStatus: { code: 101 } });

describe('evaluateAuditLog with the built-in audit policies', () => {
  it('exec into a pod: one finding per request, even when logged at two stages', async () => {
    assert.deepEqual(await findings([{ ...exec, stage: 'ResponseStarted' }, exec, event({})]), ['1 audit-exec-into-pod high: alice ran exec into pod shop/web-1']);
  });

  it('a denied exec is not reported', async () => {
    assert.deepEqual(await findings([{ ...exec, responseStatus: { code: 403 } }]), []);
  });

  it('secrets read by a service account outside kube-system', async () => {
    const read = (username: string): Record<string, unknown> => event({ verb: 'list', user: { username }, objectRef: { resource: 'secrets', namespace: 'shop', apiVersion: 'v1' } });
    assert.deepEqual(await findings([read('system:serviceaccount:shop:orders'), read('system:serviceaccount:kube-system:generic-garbage-collector'), read('bob')]), [
      '1 audit-secret-read-by-service-account medium: service account system:serviceaccount:shop:orders read secrets in namespace shop',
    ]);
  });

  it('privileged, hostPath and host-namespace pods created (Request level), and nothing at Metadata level', async () => {
    const create = (spec: Record<string, unknown>): Record<string, unknown> => event({ verb: 'create', objectRef: { resource: 'pods', namespace: 'shop', name: 'x', apiVersion: 'v1' }, requestObject: { kind: 'Pod', metadata: { name: 'x' }, spec }, responseStatus: { code: 201 } });
    const lines = [
      create({ containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] }),
      create({ containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
      create({ hostPID: true, containers: [{ name: 'c', image: 'i' }] }),
      create({ containers: [{ name: 'c', image: 'i' }] }),
      { ...create({ containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] }), level: 'Metadata', requestObject: undefined },
    ];
    assert.deepEqual(await findings(lines), [
      '1 audit-privileged-pod-created high: alice created privileged pod shop/x',
      '2 audit-privileged-pod-created high: alice created pod shop/x with a hostPath volume',
      '3 audit-privileged-pod-created high: alice created pod shop/x sharing host namespaces',
    ]);
  });

  it('cluster-admin bound, and anonymous requests allowed beyond the public paths', async () => {
    const lines = [
      event({ verb: 'create', objectRef: { resource: 'clusterrolebindings', name: 'oops', apiGroup: 'rbac.authorization.k8s.io' }, requestObject: { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } }, responseStatus: { code: 201 } }),
      event({ verb: 'create', objectRef: { resource: 'rolebindings', name: 'fine' }, requestObject: { roleRef: { kind: 'ClusterRole', name: 'view' } }, responseStatus: { code: 201 } }),
      event({ user: { username: 'system:anonymous' }, requestURI: '/healthz?verbose' }),
      event({ user: { username: 'system:anonymous' }, requestURI: '/api/v1/namespaces/shop/configmaps' }),
      event({ user: { username: 'system:anonymous' }, requestURI: '/api/v1/secrets', responseStatus: { code: 403 } }),
    ];
    assert.deepEqual(await findings(lines), [
      '1 audit-cluster-admin-bound critical: alice bound cluster-admin in clusterrolebindings oops',
      '4 audit-anonymous-request-allowed high: anonymous get of /api/v1/namespaces/shop/configmaps was allowed',
    ]);
  });

  it('reads EventList lines (the webhook backend format)', async () => {
    assert.deepEqual(await findings([{ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [event({}), exec] }]), ['1 audit-exec-into-pod high: alice ran exec into pod shop/web-1']);
  });

  it('reports bad lines with their line number and reads on', async () => {
    const file = await logFile(['{not json', '[1, 2]', JSON.stringify({ kind: 'Pod' }), 'x'.repeat(MAX_AUDIT_LINE_CHARS + 1), JSON.stringify(exec), '\u0000\u0000']);
    const result = await evaluateAuditLog(file, 'audit.log', []);
    const messages = result.errors.map((error) => `${error.startLine ?? 0} ${error.code} ${error.message}`);
    assert.equal(messages.length, 5);
    assert.match(messages[0] ?? '', /^1 PARSE_FAILED Not a JSON line: /);
    assert.equal(messages[1], '2 PARSE_FAILED Not an audit event: expected a JSON object.');
    assert.equal(messages[2], '3 PARSE_FAILED Not an audit event: expected apiVersion audit.k8s.io/v1 (kind Event or EventList) with verb, user and stage.');
    assert.equal(messages[3], `4 PARSE_FAILED Audit log line of ${MAX_AUDIT_LINE_CHARS + 1} characters, over the limit of ${MAX_AUDIT_LINE_CHARS}; skipped.`);
    assert.match(messages[4] ?? '', /^6 PARSE_FAILED Not a JSON line: /);
    assert.equal(result.findings.length, 1);
    assert.equal(result.events, 1);
  });

  it('lets a user policy of the same name replace a built-in one, and adds user policies', async () => {
    const text = `apiVersion: palisade.dev/v1
kind: Policy
metadata: { name: audit-secret-read-by-service-account }
spec:
  matchConstraints: { targets: [AuditEvent] }
  params: { allowedNamespaces: [kube-system, shop], allowedServiceAccounts: [] }
  matchConditions:
    - name: reads
      expression: "object.?objectRef.resource.orValue('') == 'secrets' && object.user.username.startsWith('system:serviceaccount:')"
  validations:
    - expression: "object.user.username.split(':')[2] in params.allowedNamespaces"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata: { name: no-deletes-in-prod }
spec:
  matchConstraints: { targets: [AuditEvent] }
  validations:
    - expression: "!(object.verb == 'delete' && object.?objectRef.namespace.orValue('') == 'prod')"
      message: a delete in prod
`;
    const source = createSourceDocument('policies/audit.yaml', text);
    const compiled = compilePalisadePolicies(loadManifests(source).objects.map((object) => createKubernetesObjectArtifact(source, object)));
    assert.deepEqual(compiled.errors, []);
    const file = await logFile([event({ verb: 'get', user: { username: 'system:serviceaccount:shop:orders' }, objectRef: { resource: 'secrets', namespace: 'shop' } }), event({ verb: 'delete', objectRef: { resource: 'pods', namespace: 'prod', name: 'db-0' } })]);
    const result = await evaluateAuditLog(file, 'audit.log', compiled.policies);
    assert.deepEqual(result.findings.map((finding) => `${finding.location.startLine ?? 0} ${finding.ruleId}: ${finding.message}`), ['2 no-deletes-in-prod: a delete in prod']);
  });
});
