import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkOfflineDatabase, featureForHost, refuseNetwork } from './offline.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-offline-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

describe('featureForHost', () => {
  const cases: readonly [string, string][] = [
    ['osv-vulnerabilities.storage.googleapis.com', 'the advisory database download (palisade db update)'],
    ['tuf-repo-cdn.sigstore.dev', 'Sigstore signature verification (trust root, transparency log or certificate authority)'],
    ['rekor.sigstore.dev.', 'Sigstore signature verification (trust root, transparency log or certificate authority)'],
    ['GHCR.IO', 'an image registry (an image target or an image reference check)'],
    ['europe-docker.pkg.dev', 'an image registry (an image target or an image reference check)'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'an image registry (an image target or an image reference check)'],
    ['example.com', 'a feature that needs the network'],
    ['notsigstore.dev', 'a feature that needs the network'],
  ];
  for (const [host, feature] of cases) it(host, () => assert.equal(featureForHost(host), feature));
});

describe('refuseNetwork', () => {
  it('refuses fetch and TCP connections, naming the host and the feature, until restored', async () => {
    const guard = refuseNetwork();
    try {
      await assert.rejects(fetch('https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip'), {
        code: 'NETWORK_FAILED',
        message: '--offline: refused network access to osv-vulnerabilities.storage.googleapis.com, wanted by the advisory database download (palisade db update). Drop --offline, or use an offline kit (palisade kit import) and local files instead.',
      });
      assert.throws(() => net.connect({ host: '127.0.0.1', port: 9 }), { code: 'NETWORK_FAILED', message: /^--offline: refused network access to 127\.0\.0\.1:9, wanted by a feature that needs the network\./ });
      assert.throws(() => net.connect(443, 'ghcr.io'), { code: 'NETWORK_FAILED', message: /ghcr\.io:443, wanted by an image registry/ });
      assert.throws(() => http.get('http://example.com/'), { code: 'NETWORK_FAILED', message: /example\.com:80/ });
    } finally {
      guard.restore();
    }
  });

  it('leaves Unix sockets alone, and the network works again after restore', async () => {
    const server = net.createServer((socket) => socket.end('hello'));
    const path = join(WORK, 'socket');
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const tcp = net.createServer((socket) => socket.end('tcp'));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const address = tcp.address();
    assert.ok(typeof address === 'object' && address !== null);
    const read = (socket: net.Socket): Promise<string> => new Promise((resolve, reject) => {
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
    });
    const guard = refuseNetwork();
    try {
      assert.equal(await read(net.connect({ path })), 'hello');
      assert.throws(() => net.connect({ host: '127.0.0.1', port: address.port }), { code: 'NETWORK_FAILED' });
    } finally {
      guard.restore();
    }
    assert.equal(await read(net.connect({ host: '127.0.0.1', port: address.port })), 'tcp');
    server.close();
    tcp.close();
  });
});

describe('checkOfflineDatabase', () => {
  it('fails clearly when there is no database, and says how to get one', () => {
    assert.throws(() => checkOfflineDatabase(join(WORK, 'absent.db')), { code: 'DB_UNAVAILABLE', message: /^--offline: no advisory database at .*absent\.db, and none can be downloaded\. Import an offline kit first \(palisade kit import kit\.tar\.zst --key kit\.pub\)/ });
    assert.doesNotThrow(() => checkOfflineDatabase(WORK));
  });
});
