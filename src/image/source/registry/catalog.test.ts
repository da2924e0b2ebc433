import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import type { RegistryFixture } from '../../../../test/image/registry.ts';
import { findBinary, startRegistry } from '../../../../test/image/registry.ts';
import { startFakeHttp } from '../../../../test/fake-http.ts';
import { pushGeneratedImage } from '../../../../test/registry-images.ts';
import { listRepositories, nextCatalogPage } from './catalog.ts';

const missing = findBinary('docker-registry') === undefined || findBinary('openssl') === undefined ? 'needs the Debian packages docker-registry and openssl' : false;

describe('listRepositories (the real local registry, htpasswd, TLS)', { skip: missing, timeout: 120_000 }, () => {
  it('follows the catalog’s Link pages with the credentials of the Docker config', async (t) => {
    const registry: RegistryFixture = await startRegistry({ accessLog: true });
    t.after(() => registry.stop());
    const dockerConfig = await registry.writeDockerConfig();
    const names = ['shop/web', 'shop/api', 'base/alpine', 'tools', 'shop/team/worker'];
    for (const [index, name] of names.entries()) await pushGeneratedImage(registry, dockerConfig, name, '1.0', index);
    const options = { ...(registry.caFile === undefined ? {} : { caFile: registry.caFile }), env: { DOCKER_CONFIG: dirname(dockerConfig) } };
    assert.deepEqual(await listRepositories(registry.host, { ...options, pageSize: 2 }), ['base/alpine', 'shop/api', 'shop/team/worker', 'shop/web', 'tools']);
    // The registry writes its access log after answering: wait for the last page's line.
    const catalogRequests = (): string[] => [...new Set(registry.requests().filter((line) => line.includes('/v2/_catalog')))];
    for (let wait = 0; wait < 50 && catalogRequests().length < 3; wait += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(catalogRequests(), ['GET /v2/_catalog?n=2', 'GET /v2/_catalog?last=shop%2Fapi&n=2', 'GET /v2/_catalog?last=shop%2Fweb&n=2']);
    await assert.rejects(listRepositories(registry.host, { ...options, env: {} }), (error: unknown) => error instanceof Error && Reflect.get(error, 'code') === 'REGISTRY_AUTH_FAILED');
  });
});

const json = (response: ServerResponse, body: string, link?: string): void => void response.writeHead(200, { 'content-type': 'application/json', ...(link === undefined ? {} : { link }) }).end(body);

describe('listRepositories (fake registry over plain HTTP)', () => {
  const cases: [string, (request: IncomingMessage, response: ServerResponse) => void, string[] | RegExp, string[]][] = [
    [
      'ignores non-string names and a Link that leaves the catalog',
      (request, response) => (request.url === '/v2/_catalog?n=1000' ? json(response, '{"repositories":["b","a",7,null]}', '</v2/_catalog?last=b&n=1000>; rel="next"') : json(response, '{"repositories":["c","a"]}', '</v2/other/tags/list>; rel="next"')),
      ['a', 'b', 'c'],
      ['GET /v2/_catalog?n=1000', 'GET /v2/_catalog?last=b&n=1000'],
    ],
    ['stops when a Link points back at a page already read', (_request, response) => json(response, '{"repositories":["a"]}', '</v2/_catalog?n=1000>; rel="next"'), ['a'], ['GET /v2/_catalog?n=1000']],
    ['says when the registry has no catalog API (404)', (_request, response) => void response.writeHead(404).end(), /does not offer the catalog API \(GET \/v2\/_catalog answered 404\); name the repositories to watch instead\./, ['GET /v2/_catalog?n=1000']],
    ['names a catalog that is not JSON', (_request, response) => json(response, '<html>'), /: the repository catalog is not valid JSON/, ['GET /v2/_catalog?n=1000']],
  ];
  for (const [name, handler, expected, requests] of cases) {
    it(name, async (t) => {
      const fake = await startFakeHttp(handler);
      t.after(() => fake.close());
      const listing = listRepositories(fake.host, { insecureRegistries: [fake.host] }, { retries: 0 });
      if (Array.isArray(expected)) assert.deepEqual(await listing, expected);
      else await assert.rejects(listing, expected);
      assert.deepEqual(fake.requests, requests);
    });
  }

  it('refuses a name that is not a registry host', async () => {
    await assert.rejects(listRepositories('library'), /library is not a registry host/);
  });
});

describe('nextCatalogPage', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['</v2/_catalog?last=a%2Fb&n=100>; rel="next"', '/v2/_catalog?last=a%2Fb&n=100'],
    ['<https://other.example/v2/_catalog?last=x>; rel=next', '/v2/_catalog?last=x'],
    ['</v2/_catalog?last=x>; rel="prev"', undefined],
    ['</v2/x/tags/list?last=x>; rel="next"', undefined],
    [undefined, undefined],
  ];
  for (const [link, expected] of cases) it(String(link), () => assert.equal(nextCatalogPage(link), expected));
});
