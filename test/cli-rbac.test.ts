import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureDir, palisade } from './cli-helpers.ts';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: orders-reads-secrets
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
  - kind: ServiceAccount
    name: orders
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: Group
    name: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ghost
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: not-defined-here
subjects:
  - kind: User
    name: dave
`;

describe('palisade rbac who-can', () => {
  it('lists who holds a capability, where, through which binding and role, with the manifest line', async () => {
    const dir = await fixtureDir({ 'k8s/rbac.yaml': RBAC, 'k8s/broken.yaml': 'kind: [unclosed\n', 'README.md': '# not a manifest\n' });
    const run = await palisade(['rbac', 'who-can', dir, '--capability', 'read-secrets,exec']);
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      [
        'Group:ops',
        '  read-secrets     cluster-wide, via ClusterRoleBinding ops-admin at k8s/rbac.yaml:24 → ClusterRole cluster-admin',
        '  exec             cluster-wide, via ClusterRoleBinding ops-admin at k8s/rbac.yaml:24 → ClusterRole cluster-admin',
        'ServiceAccount:shop/orders',
        '  read-secrets     in namespace shop, via RoleBinding orders-reads-secrets at k8s/rbac.yaml:11 → Role secret-reader',
        'note: RoleBinding ghost refers to ClusterRole/not-defined-here, which is not among the manifests; its grants are not shown.',
        '',
      ].join('\n'),
    );
    assert.match(run.stderr, /^palisade: k8s\/broken\.yaml:2: YAML syntax error in document 1/);
  });

  it('writes JSON; exits 0 when nobody holds the capability and 2 for a missing target', async () => {
    const dir = await fixtureDir({ 'rbac.yaml': RBAC, 'other/reader.yaml': RBAC.split('---')[0] ?? '' });
    const run = await palisade(['rbac', 'who-can', dir, '--capability', 'approve-csr', '--format', 'json']);
    assert.equal(run.code, 1, 'cluster-admin holds approve-csr');
    const nobody = await palisade(['rbac', 'who-can', `${dir}/other`]);
    assert.deepEqual([nobody.code, nobody.stdout], [0, 'No subject holds any sensitive capability.\n']);
    const missing = await palisade(['rbac', 'who-can', `${dir}/nothing.yaml`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Target ".*nothing\.yaml" does not exist/);
    const parsed: { subjects: { subject: { kind: string; name: string } }[]; capabilities: { id: string }[] } = JSON.parse(run.stdout);
    assert.deepEqual(parsed.subjects.map((entry) => `${entry.subject.kind}:${entry.subject.name}`), ['Group:ops']);
    assert.deepEqual(parsed.capabilities.map((entry) => entry.id), ['approve-csr']);
  });

  it('refuses an unknown capability with exit code 2', async () => {
    const run = await palisade(['rbac', 'who-can', '.', '--capability', 'fly']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown capability "fly"; expected one of read-secrets, create-pods/);
  });
});
