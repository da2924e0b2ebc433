import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../kubernetes/json.ts';
import { toJsonValue, isJsonObject } from '../kubernetes/json.ts';
import { findCapability } from './capabilities.ts';
import type { RbacInput } from './who-can.ts';
import { analyseWhoCan, ruleAllows, subjectKey } from './who-can.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';

function object(value: unknown): JsonObject {
  const json = toJsonValue(value);
  assert.ok(isJsonObject(json));
  return json;
}

function role(kind: 'Role' | 'ClusterRole', name: string, rules: unknown[], extra: Record<string, unknown> = {}, namespace = 'shop'): RbacInput {
  return { object: object({ apiVersion: RBAC, kind, metadata: { name, ...(kind === 'Role' ? { namespace } : {}), ...extra }, rules }), origin: `rbac.yaml:${name}` };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: { kind: string; name: string }, subjects: unknown[], namespace = 'shop'): RbacInput {
  return { object: object({ apiVersion: RBAC, kind, metadata: { name, ...(kind === 'RoleBinding' ? { namespace } : {}) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects }) };
}

/** `subject → capability@scope` lines, the shape the tables below read best in. */
function matrix(inputs: readonly RbacInput[]): string[] {
  return analyseWhoCan(inputs).subjects.flatMap(({ subject, grants }) => grants.map((grant) => `${subjectKey(subject)} ${grant.capability}@${grant.scope}${grant.resourceNames === undefined ? '' : `[${grant.resourceNames.join(',')}]`}`));
}

describe('ruleAllows (the API server RBAC match)', () => {
  const exec = { apiGroup: '', resource: 'pods', subresource: 'exec', verbs: ['create', 'get'] };
  const cases: { name: string; rule: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }; allowed: boolean }[] = [
    { name: 'exact subresource', rule: { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }, allowed: true },
    { name: 'every resource', rule: { apiGroups: [''], resources: ['*'], verbs: ['get'] }, allowed: true },
    { name: '*/exec', rule: { apiGroups: ['*'], resources: ['*/exec'], verbs: ['*'] }, allowed: true },
    { name: 'pods/* is not an RBAC wildcard', rule: { apiGroups: [''], resources: ['pods/*'], verbs: ['*'] }, allowed: false },
    { name: 'pods alone does not cover pods/exec', rule: { apiGroups: [''], resources: ['pods'], verbs: ['*'] }, allowed: false },
    { name: 'another group', rule: { apiGroups: ['apps'], resources: ['pods/exec'], verbs: ['create'] }, allowed: false },
    { name: 'another verb', rule: { apiGroups: [''], resources: ['pods/exec'], verbs: ['list'] }, allowed: false },
    { name: 'resourceNames allow get', rule: { apiGroups: [''], resources: ['pods/exec'], verbs: ['*'], resourceNames: ['debug'] }, allowed: true },
  ];
  for (const { name, rule, allowed } of cases) {
    it(name, () => assert.equal(ruleAllows({ resourceNames: [], ...rule }, exec), allowed));
  }
  it('never allows create through a rule limited to resourceNames', () => {
    assert.equal(ruleAllows({ apiGroups: [''], resources: ['pods'], verbs: ['*'], resourceNames: ['web'] }, { apiGroup: '', resource: 'pods', verbs: ['create'] }), false);
  });
});

describe('analyseWhoCan', () => {
  it('reports each subject of a binding with the capabilities of its role, scoped to the binding namespace', () => {
    const inputs = [
      role('Role', 'reader', [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get'] }]),
      binding('RoleBinding', 'read', { kind: 'Role', name: 'reader' }, [
        { kind: 'ServiceAccount', name: 'orders' },
        { kind: 'User', name: 'alice' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'billing', namespace: 'pay' },
      ]),
    ];
    assert.deepEqual(matrix(inputs), ['Group:devs read-secrets@shop', 'ServiceAccount:pay/billing read-secrets@shop', 'ServiceAccount:shop/orders read-secrets@shop', 'User:alice read-secrets@shop']);
  });

  it('grants cluster-scoped capabilities only through ClusterRoleBindings', () => {
    const inputs = [
      role('ClusterRole', 'ops', [
        { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
        { apiGroups: [''], resources: ['users', 'serviceaccounts'], verbs: ['impersonate'] },
      ]),
      binding('RoleBinding', 'ops-in-shop', { kind: 'ClusterRole', name: 'ops' }, [{ kind: 'User', name: 'bob' }]),
      binding('ClusterRoleBinding', 'ops-everywhere', { kind: 'ClusterRole', name: 'ops' }, [{ kind: 'User', name: 'carol' }]),
    ];
    assert.deepEqual(matrix(inputs), ['User:bob impersonate@shop', 'User:carol impersonate@*', 'User:carol node-proxy@*']);
  });

  it('resolves the built-in cluster-admin, and lists bindings whose role is missing', () => {
    const result = analyseWhoCan([binding('ClusterRoleBinding', 'root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'Group', name: 'ops' }]), binding('RoleBinding', 'ghost', { kind: 'Role', name: 'nowhere' }, [{ kind: 'User', name: 'dave' }])]);
    assert.deepEqual(
      result.subjects[0]?.grants.map((grant) => grant.capability),
      ['read-secrets', 'create-pods', 'exec', 'escalate', 'bind', 'impersonate', 'write-rbac', 'node-proxy', 'create-tokens', 'approve-csr', 'write-webhooks'],
    );
    assert.deepEqual(result.unresolved, [{ binding: { kind: 'RoleBinding', name: 'ghost', namespace: 'shop' }, roleRef: 'Role/shop/nowhere' }]);
  });

  it('aggregates ClusterRoles by label selector, transitively, and survives selector cycles', () => {
    const inputs = [
      role('ClusterRole', 'monitoring', [], { labels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }),
      role('ClusterRole', 'secret-peek', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], { labels: { 'rbac.example.com/aggregate-to-base': 'true' } }),
      role('ClusterRole', 'pod-maker', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }], { labels: { tier: 'x' } }),
    ];
    const aggregated = [
      { ...inputs[0], object: object({ ...inputs[0]?.object, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-base': 'true' } }] } }) },
      { ...inputs[1], object: object({ ...inputs[1]?.object, aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }, { matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } }) },
      inputs[2],
    ].flatMap((entry) => (entry === undefined ? [] : [entry]));
    const inputsWithBinding = [...aggregated, binding('ClusterRoleBinding', 'mon', { kind: 'ClusterRole', name: 'monitoring' }, [{ kind: 'ServiceAccount', name: 'prom', namespace: 'mon' }])];
    assert.deepEqual(matrix(inputsWithBinding), ['ServiceAccount:mon/prom read-secrets@*', 'ServiceAccount:mon/prom create-pods@*']);
  });

  it('keeps every grant limited by resourceNames, and stops at the first unrestricted one', () => {
    const inputs = [
      role('Role', 'narrow', [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['list'], resourceNames: ['other'] },
      ]),
      binding('RoleBinding', 'b', { kind: 'Role', name: 'narrow' }, [{ kind: 'User', name: 'erin' }]),
    ];
    assert.deepEqual(matrix(inputs), ['User:erin read-secrets@shop[tls]', 'User:erin read-secrets@shop']);
  });

  it('ignores objects of other kinds or groups, malformed subjects and non-string rule entries', () => {
    const inputs = [
      { object: object({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }) },
      { object: object({ apiVersion: 'example.com/v1', kind: 'RoleBinding', metadata: { name: 'x' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'User', name: 'mallory' }] }) },
      role('Role', 'odd', [{ apiGroups: [''], resources: [7, null, 'secrets'], verbs: [{}, 'get'] }, 'not a rule']),
      binding('RoleBinding', 'odd', { kind: 'Role', name: 'odd' }, [{ kind: 'User' }, 'x', { kind: 'Robot', name: 'r2' }, { kind: 'User', name: 'frank' }]),
    ];
    assert.deepEqual(matrix(inputs), ['User:frank read-secrets@shop']);
  });

  it('asks only about the capabilities given', () => {
    const createPods = findCapability('create-pods');
    assert.ok(createPods !== undefined);
    const inputs = [binding('ClusterRoleBinding', 'root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'User', name: 'root' }])];
    assert.deepEqual(analyseWhoCan(inputs, [createPods]).subjects[0]?.grants.map((grant) => grant.capability), ['create-pods']);
  });
});
