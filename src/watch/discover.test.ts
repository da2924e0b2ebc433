import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { startApiServer } from '../../test/cluster/api-server.ts';
import { startFakeHttp } from '../../test/fake-http.ts';
import { DIGEST_LEDGER, DIGEST_PAYMENTS_V1, DIGEST_REPORT, INITIAL_PODS, INITIAL_VERSION } from '../../test/cluster/watch-fixtures.ts';
import { findBinary } from '../../test/image/registry.ts';
import { expandRepositories, isRepositoryPattern, watchRunningImages, whereRunning } from './discover.ts';

describe('isRepositoryPattern', () => {
  const cases: [string, boolean][] = [
    ['registry.example.com/*', true],
    ['registry.example.com/shop/*', true],
    ['127.0.0.1:5000/team/app-?', true],
    ['registry.example.com/shop/web', false],
    ['*', false],
  ];
  for (const [repository, expected] of cases) it(repository, () => assert.equal(isRepositoryPattern(repository), expected));
});

/** A registry over plain HTTP whose catalog lists `names` (or answers 404 when undefined). */
async function catalogServer(t: TestContext, names: readonly string[] | undefined): Promise<{ host: string; requests: string[] }> {
  const server = await startFakeHttp((request, response) => {
    if (names === undefined || !(request.url ?? '').startsWith('/v2/_catalog')) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ repositories: names }));
  });
  t.after(() => server.close());
  return server;
}

describe('expandRepositories', () => {
  it('replaces patterns by the catalog’s matching repositories, reads each catalog once, merges tag globs, and names a registry without catalog', async (t) => {
    const registry = await catalogServer(t, ['shop/web', 'shop/api', 'shop/team/worker', 'tools', 'shopping']);
    const bare = await catalogServer(t, undefined);
    const { repositories, problems } = await expandRepositories(
      [
        { repository: `${registry.host}/shop/*`, tags: ['v1.*'] },
        { repository: `${registry.host}/shop/web`, tags: ['main'] },
        { repository: `${registry.host}/tool?`, tags: ['*'] },
        { repository: `${bare.host}/*`, tags: ['*'] },
        { repository: 'registry.example.com/plain', tags: ['*'] },
      ],
      { insecureRegistries: [registry.host, bare.host] },
    );
    assert.deepEqual(repositories, [
      { repository: `${registry.host}/shop/api`, tags: ['v1.*'] },
      { repository: `${registry.host}/shop/team/worker`, tags: ['v1.*'] },
      { repository: `${registry.host}/shop/web`, tags: ['v1.*', 'main'] },
      { repository: `${registry.host}/tools`, tags: ['*'] },
      { repository: 'registry.example.com/plain', tags: ['*'] },
    ]);
    assert.deepEqual(registry.requests, ['GET /v2/_catalog?n=1000']);
    assert.deepEqual(problems, [`${bare.host}/*: ${bare.host} does not offer the catalog API (GET /v2/_catalog answered 404); name the repositories to watch instead.`]);
  });
});

describe('watchRunningImages (fake API server)', { skip: findBinary('openssl') === undefined ? 'needs the Debian package openssl' : false }, () => {
  it('says which workload runs each digest, from a Pod informer', async (t) => {
    const server = await startApiServer(await mkdtemp(join(tmpdir(), 'palisade-discover-')));
    server.lists.set('/api/v1/pods', { items: INITIAL_PODS, resourceVersion: INITIAL_VERSION });
    const notices: string[] = [];
    const watch = await watchRunningImages({ kubeconfig: await server.kubeconfig() }, {}, (message) => notices.push(message));
    t.after(async () => {
      await watch.stop();
      await server.close();
    });
    const running = watch.running();
    assert.deepEqual(Object.fromEntries(running), { [DIGEST_PAYMENTS_V1]: ['prod/payments'], [DIGEST_LEDGER]: ['prod/ledger'], [DIGEST_REPORT]: ['batch/nightly-report'] });
    assert.equal(whereRunning(DIGEST_PAYMENTS_V1, running), 'running in prod/payments');
    assert.equal(whereRunning(`sha256:${'0'.repeat(64)}`, running), 'only in the registry');
    assert.equal(whereRunning(DIGEST_LEDGER, new Map([[DIGEST_LEDGER, ['prod/ledger', 'staging/ledger']]])), 'running in prod/ledger, staging/ledger');
    await server.watchesReached(1);
    assert.deepEqual(notices, []);
  });
});
