import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { ApiServer } from '../../test/cluster/api-server.ts';
import { startApiServer } from '../../test/cluster/api-server.ts';
import { DIGEST_LEDGER, DIGEST_PAYMENTS_V1, DIGEST_PAYMENTS_V2, DIGEST_REPORT, GONE_EVENT, INITIAL_PODS, INITIAL_VERSION, RELISTED_PODS, RELISTED_VERSION, ROLLOUT_EVENTS } from '../../test/cluster/watch-fixtures.ts';
import { findBinary } from '../../test/image/registry.ts';
import { MAX_STREAM_LINE_BYTES, createApiClient } from './client.ts';
import { PodInformer } from './informer.ts';
import { connectionFromFile } from './kubeconfig.ts';

const missing = findBinary('openssl') === undefined ? 'needs the Debian package openssl' : false;

interface Running {
  readonly server: ApiServer;
  readonly informer: PodInformer;
  readonly notices: string[];
}

/** A fake API server holding INITIAL_PODS, and an informer on it (1 ms backoff), stopped after the test. */
async function running(t: TestContext, options: { namespace?: string; token?: string } = {}): Promise<Running> {
  const server = await startApiServer(await mkdtemp(join(tmpdir(), 'palisade-informer-')));
  server.lists.set('/api/v1/pods', { items: INITIAL_PODS, resourceVersion: INITIAL_VERSION });
  const notices: string[] = [];
  const kubeconfig = await server.kubeconfig(options.token === undefined ? undefined : { token: options.token });
  const informer = new PodInformer(await createApiClient(connectionFromFile(kubeconfig)), { backoffMs: 1, maxBackoffMs: 4, ...(options.namespace === undefined ? {} : { namespace: options.namespace }), onNotice: (message) => notices.push(message) });
  t.after(async () => {
    await informer.stop();
    await server.close();
  });
  return { server, informer, notices };
}

/** `digest → namespace/workload (Kind) pod:container`, the informer's answer in one comparable table. */
function where(informer: PodInformer): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [digest, places] of informer.runningDigests()) table[digest] = places.map((place) => `${place.namespace}/${place.workload.name} (${place.workload.kind}) ${place.pod}:${place.container}`);
  return table;
}

const watches = (server: ApiServer): string[] => server.requests.filter((line) => line.includes('watch=1'));
const lists = (server: ApiServer): string[] => server.requests.filter((line) => !line.includes('watch=1'));

describe('PodInformer (fake API server over HTTPS)', { skip: missing }, () => {
  it('lists every page, then applies ADDED, MODIFIED, BOOKMARK and DELETED, and watches again from the last version', async (t) => {
    const { server, informer, notices } = await running(t);
    server.watchSteps.push({ events: ROLLOUT_EVENTS, end: 'close' });
    await informer.start();
    assert.deepEqual(where(informer), {
      [DIGEST_PAYMENTS_V1]: ['prod/payments (Deployment) payments-6f7d8c9b5-k2x9q:payments'],
      [DIGEST_LEDGER]: ['prod/ledger (StatefulSet) ledger-0:ledger'],
      [DIGEST_REPORT]: ['batch/nightly-report (CronJob) nightly-report-29400480-7wq4d:report'],
    });
    await server.watchesReached(2);
    assert.deepEqual(where(informer), {
      [DIGEST_LEDGER]: ['prod/ledger (StatefulSet) ledger-0:ledger'],
      [DIGEST_PAYMENTS_V2]: ['prod/payments (Deployment) payments-58b4d7c6f-zt8mw:payments'],
    });
    assert.deepEqual(lists(server), ['GET /api/v1/pods?limit=500', 'GET /api/v1/pods?limit=500&continue=2']);
    assert.deepEqual(watches(server), [
      `GET /api/v1/pods?watch=1&resourceVersion=${INITIAL_VERSION}&allowWatchBookmarks=true&timeoutSeconds=300`,
      'GET /api/v1/pods?watch=1&resourceVersion=5021&allowWatchBookmarks=true&timeoutSeconds=300',
    ]);
    assert.deepEqual(informer.stats, { lists: 1, watches: 2, events: 5 });
    assert.deepEqual(notices, []);
  });

  it('after a dropped connection, waits and watches again from the last version, without listing', async (t) => {
    const { server, informer, notices } = await running(t);
    server.watchSteps.push({ events: ROLLOUT_EVENTS.slice(0, 2), end: 'reset' }, { status: 500, end: 'close' });
    await informer.start();
    await server.watchesReached(3);
    assert.deepEqual(watches(server).map((line) => new URL(line.slice(4), 'https://x').searchParams.get('resourceVersion')), [INITIAL_VERSION, '5012', '5012']);
    assert.equal(lists(server).length, 2, 'only the first list (two pages)');
    assert.equal(notices.length, 2);
    assert.match(notices[1] ?? '', /^GET \/api\/v1\/pods\?watch=1&resourceVersion=5012&.*: HTTP 500: watch refused$/);
    assert.deepEqual(where(informer)[DIGEST_PAYMENTS_V2], ['prod/payments (Deployment) payments-58b4d7c6f-zt8mw:payments']);
  });

  it('lists again on a 410 Gone ERROR event, replacing what it knew (Pods deleted meanwhile go away)', async (t) => {
    const { server, informer, notices } = await running(t);
    server.watchSteps.push({ events: [GONE_EVENT], end: 'close' });
    await informer.start();
    server.lists.set('/api/v1/pods', { items: RELISTED_PODS, resourceVersion: RELISTED_VERSION });
    await server.watchesReached(2);
    assert.deepEqual(notices, ['the watch failed: too old resource version: 5003 (5400) (410 Gone); listing again']);
    assert.equal(informer.resourceVersion, RELISTED_VERSION);
    assert.deepEqual(where(informer), {
      [DIGEST_PAYMENTS_V2]: ['prod/debug (Pod) debug:payments', 'prod/payments (Deployment) payments-58b4d7c6f-zt8mw:payments'],
      [DIGEST_LEDGER]: ['prod/ledger (StatefulSet) ledger-0:ledger'],
    });
    assert.equal(informer.stats.lists, 2);
    assert.match(watches(server)[1] ?? '', new RegExp(`resourceVersion=${RELISTED_VERSION}&`));
  });

  it('lists again when the watch request itself is answered 410, and after a line that is not an event', async (t) => {
    const { server, informer, notices } = await running(t);
    server.watchSteps.push({ status: 410, end: 'close' }, { events: ['{"type":"ADDED","object":{"kind":"Pod"', ROLLOUT_EVENTS[0] ?? {}], end: 'hold' });
    await informer.start();
    await server.watchesReached(3);
    assert.equal(notices.length, 2);
    assert.match(notices[0] ?? '', /: HTTP 410: too old resource version; listing again$/);
    assert.match(notices[1] ?? '', /^a watch event is not JSON \(\{"type":"ADDED","object":\{"kind":"Pod"\); listing again$/);
    assert.equal(informer.stats.lists, 3);
    assert.equal(informer.runningDigests().has(DIGEST_PAYMENTS_V2), false, 'the event after the broken line was not applied');
  });

  it('lists again, after a backoff, when a watch event is larger than the limit', async (t) => {
    const { server, informer, notices } = await running(t);
    server.watchSteps.push({ events: [`{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"${'x'.repeat(MAX_STREAM_LINE_BYTES)}`], end: 'hold' });
    await informer.start();
    await server.watchesReached(2);
    assert.deepEqual(notices, ['GET /api/v1/pods: a watch event larger than 16 MB; refused. Listing again']);
    assert.equal(informer.stats.lists, 2);
  });

  it('watches one namespace when told, and stop() ends a watch that is still open', async (t) => {
    const { server, informer } = await running(t, { namespace: 'prod' });
    server.lists.set('/api/v1/pods', { items: INITIAL_PODS, resourceVersion: INITIAL_VERSION });
    await informer.start();
    await server.watchesReached(1);
    await informer.stop();
    const count = server.requests.length;
    assert.deepEqual(server.requests, [
      'GET /api/v1/namespaces/prod/pods?limit=500',
      `GET /api/v1/namespaces/prod/pods?watch=1&resourceVersion=${INITIAL_VERSION}&allowWatchBookmarks=true&timeoutSeconds=300`,
    ]);
    assert.deepEqual(Object.keys(where(informer)).sort(), [DIGEST_LEDGER, DIGEST_PAYMENTS_V1].sort());
    assert.equal(server.requests.length, count);
  });

  it('start() fails with the API server’s refusal and starts no watch', async (t) => {
    const { server, informer } = await running(t, { token: 'wrong' });
    await assert.rejects(informer.start(), (error: unknown) => error instanceof Error && Reflect.get(error, 'code') === 'CLUSTER_REQUEST_FAILED' && /401 Unauthorized/.test(error.message));
    assert.deepEqual(watches(server), []);
  });
});
