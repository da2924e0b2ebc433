// Issue 11's done-when for the registry side, with the repositories found through the registry's catalog
// API (`repositories: ["<registry>/watch/*"]`) and the cluster side from a (fake) API server: 50
// generated images in the real local registry are stored once; a new advisory affecting 3 of them
// gives exactly 3 alerts saying where each runs, without any layer read again (the registry's access
// log), and importing it a second time gives none.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importAdvisories } from '../src/vuln/db/index.ts';
import { palisade } from './cli-helpers.ts';
import type { ApiServer } from './cluster/api-server.ts';
import { startApiServer } from './cluster/api-server.ts';
import { pod } from './cluster/watch-fixtures.ts';
import type { RegistryFixture } from './image/registry.ts';
import { findBinary, startRegistry } from './image/registry.ts';
import { npmAdvisory, pushGeneratedImage } from './registry-images.ts';

const IMAGES = 50;
const missing = findBinary('docker-registry') === undefined || findBinary('openssl') === undefined ? 'needs the Debian packages docker-registry and openssl' : false;

interface AlertLine {
  readonly vulnerability: string;
  readonly package: string;
  readonly references: readonly string[];
  readonly runningIn?: readonly string[];
}

describe('palisade watch over a registry catalog, with the cluster side', { skip: missing, timeout: 600_000 }, () => {
  let registry: RegistryFixture;
  let api: ApiServer;
  let dir = '';
  let env: Record<string, string> = {};
  before(async () => {
    registry = await startRegistry({ accessLog: true });
    dir = await mkdtemp(join(tmpdir(), 'palisade-watch-catalog-'));
    const dockerConfig = await registry.writeDockerConfig();
    const digests: string[] = [];
    for (let index = 0; index < IMAGES; index += 1) digests.push(await pushGeneratedImage(registry, dockerConfig, `watch/app-${index}`, '1.0', index));
    // In the catalog but outside the watched pattern, and affected by the advisory: must stay silent.
    await pushGeneratedImage(registry, dockerConfig, 'other/app-7', '1.0', 7);
    api = await startApiServer(dir);
    const running = (namespace: string, index: number): Record<string, unknown> => {
      const { kind: _kind, apiVersion: _apiVersion, ...item } = pod({ name: `app-${index}`, namespace, version: '100', image: `${registry.host}/watch/app-${index}:1.0`, digest: digests[index] ?? '' });
      return item;
    };
    api.lists.set('/api/v1/pods', { items: [running('prod', 7), running('staging', 21), running('prod', 3)], resourceVersion: '100' });
    await mkdir(join(dir, 'advisories'));
    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0001.json'), npmAdvisory('GHSA-0000-0000-0001', ['unrelated-package']));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const config = [
      'store: watch.db',
      'database: advisories.db',
      `caFile: ${registry.caFile ?? ''}`,
      'repositories:',
      `  - "${registry.host}/watch/*"`,
      'sinks: [stdout]',
      `cluster: { kubeconfig: ${await api.kubeconfig()} }`,
    ];
    await writeFile(join(dir, 'watch.yaml'), `${config.join('\n')}\n`);
    env = { DOCKER_CONFIG: dirname(dockerConfig), PALISADE_WORKERS: '0' };
  });
  after(async () => {
    await api.close();
    await registry.stop();
  });

  const layerReads = (): number => registry.requests().filter((line) => /^GET \/v2\/[^ ]+\/blobs\//.test(line)).length;
  const watchPass = (): ReturnType<typeof palisade> => palisade(['watch', '--config', join(dir, 'watch.yaml'), '--once'], { env });

  it('finds the 50 repositories through the catalog, then alerts on exactly the 3 affected images, saying where they run, without pulling again', async () => {
    const first = await watchPass();
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '', 'no advisory concerns the images yet');
    assert.equal(first.stderr, '');
    const requests = registry.requests();
    assert.ok(requests.includes('GET /v2/_catalog?n=1000'), 'the repositories came from the catalog');
    assert.equal(new Set(requests.filter((line) => /^GET \/v2\/watch\/app-\d+\/manifests\/1\.0$/.test(line))).size, IMAGES, 'every repository of the pattern was read');
    assert.equal(requests.some((line) => line.startsWith('GET /v2/other/')), false, 'a repository outside the pattern is not read');
    const readsAfterFirst = layerReads();
    assert.ok(readsAfterFirst >= IMAGES, `every image was read once (${readsAfterFirst} blob reads)`);

    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0002.json'), npmAdvisory('GHSA-0000-0000-0002', ['pkg-7', 'pkg-21', 'pkg-42']));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const second = await watchPass();
    assert.equal(second.code, 1, second.stderr);
    const alerts: AlertLine[] = second.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(alerts.map((alert) => `${alert.vulnerability} ${alert.package} ${alert.references.join()} [${(alert.runningIn ?? ['?']).join()}]`).sort(), [
      `GHSA-0000-0000-0002 pkg:npm/pkg-21@1.0.0 ${registry.host}/watch/app-21:1.0 [staging/app-21]`,
      `GHSA-0000-0000-0002 pkg:npm/pkg-42@1.0.0 ${registry.host}/watch/app-42:1.0 []`,
      `GHSA-0000-0000-0002 pkg:npm/pkg-7@1.0.0 ${registry.host}/watch/app-7:1.0 [prod/app-7]`,
    ]);
    assert.equal(layerReads(), readsAfterFirst, 'no image was pulled again');

    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const third = await watchPass();
    assert.equal(third.code, 0, third.stderr);
    assert.equal(third.stdout, '');
    assert.equal(layerReads(), readsAfterFirst);
  });
});
