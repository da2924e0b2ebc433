import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConnection, parseKubeconfig } from './kubeconfig.ts';

const CONFIG = `apiVersion: v1
kind: Config
current-context: prod
clusters:
  - name: prod-cluster
    cluster:
      server: https://10.0.0.1:6443/
      certificate-authority-data: ${Buffer.from('-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n').toString('base64')}
      tls-server-name: kubernetes
  - name: lab
    cluster:
      server: https://lab.example.com
      insecure-skip-tls-verify: true
users:
  - name: admin
    user:
      client-certificate-data: ${Buffer.from('CERT').toString('base64')}
      client-key: keys/admin.key
  - name: bot
    user:
      tokenFile: token.txt
contexts:
  - name: prod
    context: { cluster: prod-cluster, user: admin, namespace: payments }
  - name: lab
    context: { cluster: lab, user: bot }
`;

describe('parseKubeconfig', () => {
  it('resolves the current context: server, CA and client certificate (data or file), namespace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubeconfig-'));
    await writeFile(join(dir, 'admin.key'), 'KEY');
    const connection = parseKubeconfig(CONFIG.replace('keys/admin.key', 'admin.key'), dir, 'config');
    assert.deepEqual(connection, { context: 'prod', server: 'https://10.0.0.1:6443', namespace: 'payments', ca: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n', tlsServerName: 'kubernetes', cert: 'CERT', key: 'KEY' });
  });

  it('selects another context; reads a token file relative to the kubeconfig; keeps insecure-skip-tls-verify', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubeconfig-'));
    await writeFile(join(dir, 'token.txt'), 'abc.def\n');
    assert.deepEqual(parseKubeconfig(CONFIG, dir, 'config', 'lab'), { context: 'lab', server: 'https://lab.example.com', insecureSkipTlsVerify: true, token: 'abc.def' });
  });

  const broken: { name: string; text: string; message: RegExp }[] = [
    { name: 'not YAML', text: 'a: [', message: /config is not valid YAML/ },
    { name: 'a list', text: '- a\n- b\n', message: /not a kubeconfig \(expected a mapping\)/ },
    { name: 'no current context', text: 'clusters: []\n', message: /has no current-context; pass --context/ },
    { name: 'unknown context', text: 'current-context: x\ncontexts: [{name: y, context: {cluster: c}}]\n', message: /no context named "x" in contexts/ },
    { name: 'context without cluster', text: 'current-context: x\ncontexts: [{name: x, context: {user: u}}]\n', message: /context "x" names no cluster/ },
    { name: 'server not a URL', text: 'current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {server: "not a url"}}]\n', message: /cluster "c" has no valid server URL/ },
    { name: 'missing key file', text: CONFIG, message: /Cannot read client-key .*keys\/admin\.key named by the kubeconfig/ },
    { name: 'an alias bomb', text: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, index) => `${'b'.repeat(index + 1)}: &${'b'.repeat(index + 1)} [${Array(10).fill(index === 0 ? '*a' : `*${'b'.repeat(index)}`).join(', ')}]`).join('\n')}\n`, message: /config is not valid YAML/ },
  ];
  for (const { name, text, message } of broken) {
    it(`refuses ${name} with a CONFIG_INVALID error`, () => {
      assert.throws(() => parseKubeconfig(text, '/nonexistent', 'config'), (error: unknown) => error instanceof Error && Reflect.get(error, 'code') === 'CONFIG_INVALID' && message.test(error.message));
    });
  }
});

describe('loadConnection', () => {
  it('takes the first existing file of KUBECONFIG, then says clearly when there is none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubeconfig-'));
    await writeFile(join(dir, 'token.txt'), 't');
    await writeFile(join(dir, 'config'), CONFIG.replace('current-context: prod', 'current-context: lab'));
    assert.equal(loadConnection({ env: { KUBECONFIG: `${join(dir, 'missing')}:${join(dir, 'config')}`, HOME: dir } }).context, 'lab');
    assert.throws(() => loadConnection({ env: { HOME: dir } }), /No kubeconfig found: pass --kubeconfig, set KUBECONFIG/);
  });
});
