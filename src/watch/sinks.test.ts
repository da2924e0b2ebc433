import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Alert } from './rematch.ts';
import { jsonLinesSink, slackSink, slackText, webhookSignature, webhookSink } from './sinks.ts';

const ALERT: Alert = {
  digest: `sha256:${'a'.repeat(64)}`,
  vulnerability: 'GHSA-aaaa-bbbb-cccc',
  package: 'pkg:npm/lodash@4.17.20',
  severity: 'high',
  firstSeen: '2026-11-27T12:00:00.000Z',
  title: 'lodash is vulnerable',
  message: 'lodash 4.17.20 is affected by GHSA-aaaa-bbbb-cccc.',
  fixedVersions: ['4.17.21'],
  references: ['registry.example.com/shop/web:1.0'],
  runningIn: ['prod/web-1'],
};

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('alert sinks (real HTTP receiver on 127.0.0.1)', () => {
  const received: Received[] = [];
  let failuresLeft = 0;
  let base = '';
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      if (request.url === '/always-down' || failuresLeft > 0) {
        failuresLeft -= 1;
        response.writeHead(503).end();
        return;
      }
      response.writeHead(request.url === '/bad-request' ? 400 : 200).end('ok');
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('webhook: posts the alerts signed with HMAC-SHA256 over timestamp.body, retrying a 503', async () => {
    received.length = 0;
    failuresLeft = 1;
    await webhookSink(`${base}/hook`, 's3cret', { backoffMs: 1 }).send([ALERT]);
    assert.equal(received.length, 2);
    const last = received[1];
    assert.ok(last !== undefined);
    const timestamp = String(last.headers['x-palisade-timestamp']);
    assert.equal(last.headers['x-palisade-signature-256'], webhookSignature('s3cret', timestamp, last.body));
    assert.match(String(last.headers['x-palisade-signature-256']), /^sha256=[0-9a-f]{64}$/);
    assert.deepEqual(JSON.parse(last.body), { source: 'palisade', alerts: [ALERT] });
  });

  it('webhook: gives up with NETWORK_FAILED after the attempts, and does not retry a 400', async () => {
    received.length = 0;
    await assert.rejects(webhookSink(`${base}/always-down`, undefined, { attempts: 3, backoffMs: 1 }).send([ALERT]), (error: unknown) => error instanceof Error && Reflect.get(error, 'code') === 'NETWORK_FAILED' && /HTTP 503/.test(error.message));
    assert.equal(received.length, 3);
    received.length = 0;
    await assert.rejects(webhookSink(`${base}/bad-request`, undefined, { backoffMs: 1 }).send([ALERT]), /HTTP 400/);
    assert.equal(received.length, 1);
    assert.equal(received[0]?.headers['x-palisade-signature-256'], undefined);
  });

  it('slack: one message with a line per alert, nothing sent for no alerts', async () => {
    received.length = 0;
    await slackSink(`${base}/slack`).send([]);
    assert.equal(received.length, 0);
    await slackSink(`${base}/slack`).send([ALERT]);
    assert.deepEqual(JSON.parse(received[0]?.body ?? ''), {
      text: ':rotating_light: Palisade: 1 new vulnerability in stored images\n• *high* GHSA-aaaa-bbbb-cccc in pkg:npm/lodash@4.17.20: registry.example.com/shop/web:1.0 (running in prod/web-1); fixed in 4.17.21',
    });
  });
});

describe('slackText', () => {
  it('says when an image only sits in the registry and cuts long lists', () => {
    const alerts = Array.from({ length: 22 }, (_, index) => ({ ...ALERT, vulnerability: `GHSA-${index}`, runningIn: [], fixedVersions: [] }));
    const lines = slackText(alerts).split('\n');
    assert.equal(lines.length, 22);
    assert.equal(lines[1], '• *high* GHSA-0 in pkg:npm/lodash@4.17.20: registry.example.com/shop/web:1.0 (only in the registry); no fix yet');
    assert.equal(lines[21], '…and 2 more');
  });
});

describe('jsonLinesSink', () => {
  it('writes one JSON object per line', async () => {
    let out = '';
    await jsonLinesSink((text) => (out += text)).send([ALERT, ALERT]);
    assert.deepEqual(out.trimEnd().split('\n').map((line) => JSON.parse(line).type), ['vulnerability-alert', 'vulnerability-alert']);
  });
});
