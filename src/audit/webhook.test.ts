import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { findBinary, makeCertificate } from '../../test/image/registry.ts';
import { webhookSignature } from '../watch/sinks.ts';
import type { AuditSinkConfig } from '../cli/audit.ts';
import { auditSinks } from '../cli/audit.ts';
import { auditSlackText } from './alerts.ts';
import { auditPolicies } from './evaluate.ts';
import type { AuditServer, AuditServerOptions } from './webhook.ts';
import { parseEventList, startAuditServer } from './webhook.ts';

/** An audit.k8s.io/v1 Event as the webhook backend sends it. */
function event(auditID: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID,
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/shop/pods',
    verb: 'list',
    user: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.7'],
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-11-27T10:00:00.000000Z',
    stageTimestamp: '2026-11-27T10:00:00.010000Z',
    ...fields,
  };
}

const EXEC = event('a-exec', { verb: 'create', requestURI: '/api/v1/namespaces/shop/pods/web-1/exec?command=sh', user: { username: 'mallory' }, objectRef: { resource: 'pods', namespace: 'shop', name: 'web-1', apiVersion: 'v1', subresource: 'exec' }, responseStatus: { code: 101 } });
const SECRET_READ = event('a-secret', { verb: 'get', requestURI: '/api/v1/namespaces/shop/secrets/db', user: { username: 'system:serviceaccount:shop:orders' }, objectRef: { resource: 'secrets', namespace: 'shop', name: 'db', apiVersion: 'v1' } });
const BENIGN = event('a-list', {});
const list = (...items: unknown[]): string => JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items });

interface Answer {
  readonly status: number;
  readonly body: string;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, body: await response.text() };
}

/** A server on a free port with a stdout sink written to `out`; closed after the test. */
async function serve(t: TestContext, options: Partial<AuditServerOptions> & { sinkConfigs?: readonly AuditSinkConfig[] } = {}): Promise<{ server: AuditServer; out: string[]; problems: string[] }> {
  const out: string[] = [];
  const problems: string[] = [];
  const server = await startAuditServer({
    listen: '127.0.0.1:0',
    policies: auditPolicies([]),
    sinks: auditSinks(options.sinkConfigs ?? [{ type: 'stdout' }], (text) => out.push(text)),
    onProblem: (message) => problems.push(message),
    ...options,
  });
  t.after(() => server.close());
  return { server, out, problems };
}

describe('audit webhook endpoint (real HTTP on 127.0.0.1)', () => {
  it('evaluates an EventList, answers 200 with counts, and writes one audit alert per finding', async (t) => {
    const { server, out, problems } = await serve(t);
    const answer = await post(server.url, list(BENIGN, EXEC, SECRET_READ));
    assert.deepEqual(answer, { status: 200, body: '{"events":3,"skipped":0,"alerts":2}' });
    await server.handler.drain();
    const alerts = out.map((line) => JSON.parse(line));
    assert.deepEqual(alerts.map((alert) => [alert.type, alert.vulnerability, alert.severity, alert.package, alert.user, alert.message, alert.references, alert.digest]), [
      ['audit-alert', 'audit-exec-into-pod', 'high', 'pods/exec shop/web-1', 'mallory', 'mallory ran exec into pod shop/web-1', ['/api/v1/namespaces/shop/pods/web-1/exec?command=sh'], 'audit:a-exec'],
      ['audit-alert', 'audit-secret-read-by-service-account', 'medium', 'secrets shop/db', 'system:serviceaccount:shop:orders', 'service account system:serviceaccount:shop:orders read secrets db in namespace shop', ['/api/v1/namespaces/shop/secrets/db'], 'audit:a-secret'],
    ]);
    assert.equal(alerts[0]?.firstSeen, '2026-11-27T10:00:00.000000Z');
    assert.deepEqual(problems, []);
    assert.deepEqual(server.handler.stats, { batches: 1, events: 3, alerts: 2, rejected: 0 });
  });

  it('alerts once for a request logged at two stages in two batches, and takes a single Event', async (t) => {
    const { server, out } = await serve(t);
    assert.equal((await post(server.url, list({ ...EXEC, stage: 'ResponseStarted' }))).status, 200);
    assert.deepEqual(await post(server.url, JSON.stringify(EXEC)), { status: 200, body: '{"events":1,"skipped":0,"alerts":0}' });
    await server.handler.drain();
    assert.equal(out.length, 1);
  });

  it('reads the good items of a list with bad ones, naming each bad one', async (t) => {
    const { server, out, problems } = await serve(t);
    assert.deepEqual(await post(server.url, list(7, EXEC, { kind: 'Event', verb: 'get' }, null)), { status: 200, body: '{"events":1,"skipped":3,"alerts":1}' });
    await server.handler.drain();
    assert.equal(out.length, 1);
    assert.deepEqual(problems, [
      'audit webhook: items[0] is not an audit Event (an object with verb, user and stage); skipped',
      'audit webhook: items[2] is not an audit Event (an object with verb, user and stage); skipped',
      'audit webhook: items[3] is not an audit Event (an object with verb, user and stage); skipped',
    ]);
  });

  const malformed: [string, string, string][] = [
    ['not JSON', '{"kind": "EventList", ', 'not JSON: '],
    ['JSON that is not an object', '[1, 2]', 'expected an audit.k8s.io/v1 EventList'],
    ['another API', JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: [] }), 'expected an audit.k8s.io/v1 EventList'],
    ['an EventList without items', JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: {} }), 'expected an audit.k8s.io/v1 EventList with items'],
    ['an Event without a user', JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', stage: 'ResponseComplete' }), 'the Event lacks verb, user or stage'],
    ['nesting deeper than JSON values may go', `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${'['.repeat(5000)}${']'.repeat(5000)}]}`, 'Value nests deeper than 512 levels'],
  ];
  for (const [name, body, message] of malformed) {
    it(`answers 400 for ${name}`, async (t) => {
      const { server, out } = await serve(t);
      const answer = await post(server.url, body);
      assert.equal(answer.status, 400);
      assert.ok(String(JSON.parse(answer.body).error).startsWith(message), answer.body);
      assert.deepEqual(out, []);
    });
  }

  it('refuses a body over the limit with 413, by Content-Length or while reading a chunked one', async (t) => {
    const { server } = await serve(t, { maxBodyBytes: 1000 });
    assert.equal((await post(server.url, list(EXEC, EXEC, EXEC, EXEC))).status, 413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`${list(EXEC)}${' '.repeat(2000)}`));
        controller.close();
      },
    });
    const response = await fetch(server.url, { method: 'POST', body: chunks, duplex: 'half' });
    assert.equal(response.status, 413);
    assert.equal(server.handler.stats.rejected, 2);
  });

  it('asks for the bearer token when one is configured, answers /healthz, and refuses other methods', async (t) => {
    const { server } = await serve(t, { token: 's3cret' });
    assert.equal((await post(server.url, list(EXEC))).status, 401);
    assert.equal((await post(server.url, list(EXEC), { authorization: 'Bearer wrong!' })).status, 401);
    assert.equal((await post(server.url, list(EXEC), { authorization: 'Bearer s3cret' })).status, 200);
    assert.equal(await (await fetch(`${server.url}/healthz`)).text(), 'ok\n');
    assert.equal((await fetch(`${server.url}/`, { method: 'PUT', body: '{}' })).status, 405);
  });
});

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('audit alerts through the watch sinks (real receivers)', () => {
  const received: Received[] = [];
  let base = '';
  const receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.writeHead(request.url === '/down' ? 400 : 200).end('ok');
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('signs the generic webhook, sends Slack its own text, and names a sink that refused', async (t) => {
    const { server, problems } = await serve(t, { sinkConfigs: [{ type: 'webhook', url: `${base}/hook`, secret: 'k' }, { type: 'slack', url: `${base}/slack` }, { type: 'slack', url: `${base}/down` }] });
    await post(server.url, list(EXEC));
    await server.handler.drain();
    const hook = received.find((entry) => entry.path === '/hook');
    assert.ok(hook !== undefined);
    assert.equal(hook.headers['x-palisade-signature-256'], webhookSignature('k', String(hook.headers['x-palisade-timestamp']), hook.body));
    const body = JSON.parse(hook.body);
    assert.equal(body.source, 'palisade');
    assert.deepEqual(body.alerts.map((alert: { type: string; vulnerability: string }) => `${alert.type} ${alert.vulnerability}`), ['audit-alert audit-exec-into-pod']);
    assert.deepEqual(JSON.parse(received.find((entry) => entry.path === '/slack')?.body ?? ''), { text: ':rotating_light: Palisade: 1 Kubernetes audit alert\n• *high* audit-exec-into-pod: mallory ran exec into pod shop/web-1' });
    assert.deepEqual(problems, [`slack ${new URL(base).host}: Alert delivery to ${base} failed: HTTP 400`]);
  });
});

describe('auditSlackText', () => {
  it('cuts long batches', () => {
    const alert = { type: 'audit-alert' as const, digest: 'audit:x', vulnerability: 'p', package: '', severity: 'low', firstSeen: '', title: 'p', message: 'm', fixedVersions: [], references: [], auditID: 'x', user: 'u', verb: 'get', sourceIPs: [] };
    const lines = auditSlackText(Array.from({ length: 23 }, () => alert)).split('\n');
    assert.equal(lines[0], ':rotating_light: Palisade: 23 Kubernetes audit alerts');
    assert.equal(lines.length, 22);
    assert.equal(lines[21], '…and 3 more');
  });
});

describe('parseEventList', () => {
  it('takes an Event, an EventList and refuses the rest', () => {
    assert.deepEqual(parseEventList(Buffer.from(list())), { events: [], skipped: [] });
    assert.equal(parseEventList(Buffer.from('\u0000')).toString().startsWith('not JSON'), true);
  });
});

describe('audit webhook over HTTPS', { skip: findBinary('openssl') === undefined ? 'needs the Debian package openssl' : false }, () => {
  it('serves TLS with the given certificate', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-audit-tls-'));
    const { cert, key } = await makeCertificate(dir, 'audit');
    const { server, out } = await serve(t, { tls: { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') } });
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = await readFile(cert, 'utf8');
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpsRequest(server.url, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(list(EXEC));
    });
    assert.equal(status, 200);
    await server.handler.drain();
    assert.equal(out.length, 1);
  });
});
