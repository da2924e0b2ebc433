import assert from 'node:assert/strict';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import type { JsonReport } from './cli-helpers.ts';
import { palisade, parseReport } from './cli-helpers.ts';
import { API_LISTS, DIGEST_ORDERS, DIGEST_PAUSE } from './cluster/api-fixtures.ts';
import type { ApiServer } from './cluster/api-server.ts';
import { API_TOKEN, startApiServer } from './cluster/api-server.ts';
import { findBinary } from './image/registry.ts';

const missing = findBinary('openssl') === undefined ? 'needs the Debian package openssl' : false;

/** `ruleId Kind/namespace/name: message`, the part of a finding that does not depend on where the object came from. */
function findingKeys(report: JsonReport): string[] {
  return report.findings.map((finding) => {
    const object = finding.location.object;
    return `${finding.ruleId} ${object === undefined ? finding.location.path : `${object.kind}/${object.namespace ?? ''}/${object.name}`}: ${finding.message}`;
  }).sort();
}

/** The fixture objects a scan checks (apiVersion and kind set, status dropped, controller-owned ones skipped). */
function scannedObjects(): Record<string, unknown>[] {
  return Object.values(API_LISTS).flatMap((list) =>
    list.items
      .filter((item) => !JSON.stringify(item['metadata'] ?? {}).includes('"controller":true'))
      .map(({ status: _status, ...item }) => ({ apiVersion: list.apiVersion, kind: list.kind.replace(/List$/, ''), ...item })),
  );
}

describe('palisade cluster', { skip: missing }, () => {
  let api: ApiServer;
  let dir: string;
  let kubeconfig: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-cluster-test-'));
    api = await startApiServer(dir);
    kubeconfig = await api.kubeconfig();
  });
  after(() => api.close());

  it('scan finds what a scan of the same objects from files finds, reading with GET only, pages followed', async () => {
    const run = await palisade(['cluster', 'scan', '--kubeconfig', kubeconfig, '-f', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const report = parseReport(run.stdout);
    const files = await mkdtemp(join(dir, 'files-'));
    await writeFile(join(files, 'cluster.yaml'), scannedObjects().map((object) => stringify(object)).join('---\n'));
    const fromFiles = await palisade(['scan', files, '-f', 'json']);
    const fileReport = parseReport(fromFiles.stdout);
    assert.ok(report.findings.length > 5, 'the live objects have findings');
    assert.deepEqual(findingKeys(report), findingKeys(fileReport));
    const debug = report.findings.filter((finding) => finding.location.path === 'shop/Pod/debug.yaml').map((finding) => finding.ruleId);
    assert.ok(debug.includes('K8S-0001') && debug.includes('K8S-0005'), debug.join(' '));
    assert.equal(report.findings.some((finding) => /orders-7d9f6c5b8/.test(finding.location.path)), false, 'owned Pods and ReplicaSets are checked through the Deployment');
    assert.equal(api.requests.every((line) => line.startsWith('GET ')), true);
    assert.equal(api.requests.some((line) => /secrets/.test(line)), false);
    assert.ok(api.requests.includes('GET /api/v1/pods?limit=500&continue=2'), api.requests.join('\n'));
    assert.match(run.stderr, /palisade: CronJob objects were not read: GET \/apis\/batch\/v1\/cronjobs\?limit=500: 403 Forbidden; cronjobs is forbidden/);
  });

  it('images lists every running image with its digest and where it runs, and why its statuses are unknown', async () => {
    const run = await palisade(['cluster', 'images', '--kubeconfig', kubeconfig, '--db', join(dir, 'no-such.db')]);
    assert.equal(run.code, 0, run.stderr);
    const unknown = [
      '  signature: unknown: no verification policy given (--verify-policy FILE)',
      `  vulnerabilities: unknown: no advisory database at ${join(dir, 'no-such.db')} (run palisade db update, or give --db FILE); attestations are read only with --verify-policy`,
    ];
    assert.equal(
      run.stdout,
      [
        'registry.example.com/shop/orders:1.4  (not pinned by digest)',
        `  digest: ${DIGEST_ORDERS}`,
        '  running in 2: shop/orders-7d9f6c5b8-b7w4n:orders, shop/orders-7d9f6c5b8-x2kqp:orders',
        ...unknown,
        `registry.k8s.io/pause@${DIGEST_PAUSE}`,
        `  digest: ${DIGEST_PAUSE}`,
        '  running in 1: shop/debug:shell',
        ...unknown,
        '',
      ].join('\n'),
    );
  });

  it('who-can resolves aggregated ClusterRoles and binding scopes on live RBAC', async () => {
    const run = await palisade(['cluster', 'who-can', '--kubeconfig', kubeconfig, '--capability', 'read-secrets,exec']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(
      run.stdout,
      [
        'ServiceAccount:shop/orders',
        '  read-secrets     cluster-wide, via ClusterRoleBinding orders-secrets at _cluster/ClusterRoleBinding/orders-secrets.yaml → ClusterRole secret-reader',
        'User:alice',
        '  exec             in namespace shop, via RoleBinding alice-admin at shop/RoleBinding/alice-admin.yaml → ClusterRole admin',
        '',
      ].join('\n'),
    );
  });

  it('--namespace reads one namespace and its Namespace object only', async () => {
    const before = api.requests.length;
    const run = await palisade(['cluster', 'images', '--kubeconfig', kubeconfig, '-n', 'default', '-f', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { context: 'kind-test', images: [] });
    const made = api.requests.slice(before);
    assert.ok(made.includes('GET /api/v1/namespaces/default'));
    assert.ok(made.includes('GET /api/v1/namespaces/default/pods?limit=500'));
    assert.equal(made.some((line) => /clusterroles/.test(line)), false);
  });

  it('authenticates through an exec credential plugin', async () => {
    const plugin = join(dir, 'credential-plugin.sh');
    await writeFile(plugin, `#!/bin/sh\ncase "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) exit 9;; esac\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$TEST_TOKEN"\n`);
    await chmod(plugin, 0o755);
    const config = await api.kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, env: [{ name: 'TEST_TOKEN', value: API_TOKEN }] } });
    const run = await palisade(['cluster', 'images', '--kubeconfig', config, '-f', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const failing = await api.kubeconfig({ exec: { command: '/bin/false' } });
    const refused = await palisade(['cluster', 'images', '--kubeconfig', failing]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /The kubeconfig's exec plugin \/bin\/false failed/);
  });

  it('stops with exit code 3 and says why when the credentials are refused or the server is gone', async () => {
    const wrong = await api.kubeconfig({ token: 'expired' });
    const refused = await palisade(['cluster', 'scan', '--kubeconfig', wrong]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /401 Unauthorized; the kubeconfig's credentials were refused/);
    const gone = join(dir, 'gone.yaml');
    await writeFile(gone, stringify({ 'current-context': 'c', clusters: [{ name: 'x', cluster: { server: 'https://127.0.0.1:9' } }], users: [{ name: 'u', user: { token: 't' } }], contexts: [{ name: 'c', context: { cluster: 'x', user: 'u' } }] }));
    const down = await palisade(['cluster', 'images', '--kubeconfig', gone]);
    assert.equal(down.code, 3);
    assert.match(down.stderr, /Cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:9/);
  });

  it('refuses a broken kubeconfig with exit code 2', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'current-context: nowhere\ncontexts: []\n');
    const run = await palisade(['cluster', 'scan', '--kubeconfig', broken]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no context named "nowhere" in contexts/);
  });
});

describe('palisade cluster rbac', () => {
  it('prints a read-only ClusterRole: get, list and watch only, no Secrets', async () => {
    const run = await palisade(['cluster', 'rbac']);
    assert.equal(run.code, 0);
    const role: { kind: string; rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] } = parse(run.stdout);
    assert.equal(role.kind, 'ClusterRole');
    assert.equal(role.rules.every((rule) => rule.verbs.join() === 'get,list,watch'), true);
    assert.equal(role.rules.some((rule) => rule.resources.includes('secrets')), false);
    assert.deepEqual(role.rules.find((rule) => rule.apiGroups[0] === 'apps')?.resources, ['deployments', 'daemonsets', 'statefulsets', 'replicasets']);
  });
});
