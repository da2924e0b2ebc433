// Issue 11's registry watch, end to end against the real local registry (Debian docker-registry, TLS,
// htpasswd) with its access log: 50 generated images stored once, a new advisory affecting 3 of them
// gives exactly 3 alerts without any layer read again, and importing it again gives none.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importAdvisories } from '../src/vuln/db/index.ts';
import { palisade } from './cli-helpers.ts';
import type { RegistryFixture } from './image/registry.ts';
import { findBinary, startRegistry } from './image/registry.ts';
import { npmAdvisory, pushGeneratedImage } from './registry-images.ts';

const IMAGES = 50;
const missing = findBinary('docker-registry') === undefined || findBinary('openssl') === undefined ? 'needs the Debian packages docker-registry and openssl' : false;

describe('palisade watch (registry side)', { skip: missing, timeout: 600_000 }, () => {
  let registry: RegistryFixture;
  let dir = '';
  let env: Record<string, string> = {};
  before(async () => {
    registry = await startRegistry({ accessLog: true });
    dir = await mkdtemp(join(tmpdir(), 'palisade-watch-'));
    const dockerConfig = await registry.writeDockerConfig();
    for (let index = 0; index < IMAGES; index += 1) await pushGeneratedImage(registry, dockerConfig, `watch/app-${index}`, '1.0', index);
    await mkdir(join(dir, 'advisories'));
    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0001.json'), npmAdvisory('GHSA-0000-0000-0001', ['unrelated-package']));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const repositories = Array.from({ length: IMAGES }, (_, index) => `  - ${registry.host}/watch/app-${index}`).join('\n');
    await writeFile(join(dir, 'watch.yaml'), `store: watch.db\ndatabase: advisories.db\ncaFile: ${registry.caFile ?? ''}\nrepositories:\n${repositories}\nsinks: [stdout]\n`);
    env = { DOCKER_CONFIG: dirname(dockerConfig), PALISADE_WORKERS: '0' };
  });
  after(() => registry.stop());

  const layerReads = (): number => registry.requests().filter((line) => /^GET \/v2\/watch\/app-\d+\/blobs\//.test(line)).length;

  it('stores every image once, then alerts exactly on the images a new advisory affects, without reading them again', async () => {
    const first = await palisade(['watch', '--config', join(dir, 'watch.yaml'), '--once'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '', 'no advisory concerns the images yet');
    const readsAfterFirst = layerReads();
    assert.ok(readsAfterFirst >= IMAGES, `every image was read once (${readsAfterFirst} blob reads)`);

    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0002.json'), npmAdvisory('GHSA-0000-0000-0002', ['pkg-7', 'pkg-21', 'pkg-42']));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const second = await palisade(['watch', '--config', join(dir, 'watch.yaml'), '--once'], { env });
    assert.equal(second.code, 1, second.stderr);
    const alerts: { vulnerability: string; package: string; references: string[] }[] = second.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(alerts.map((alert) => `${alert.vulnerability} ${alert.package} ${alert.references.join()}`).sort(), [
      `GHSA-0000-0000-0002 pkg:npm/pkg-21@1.0.0 ${registry.host}/watch/app-21:1.0`,
      `GHSA-0000-0000-0002 pkg:npm/pkg-42@1.0.0 ${registry.host}/watch/app-42:1.0`,
      `GHSA-0000-0000-0002 pkg:npm/pkg-7@1.0.0 ${registry.host}/watch/app-7:1.0`,
    ]);
    assert.equal(layerReads(), readsAfterFirst, 'no image was pulled again');

    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const third = await palisade(['watch', '--config', join(dir, 'watch.yaml'), '--once'], { env });
    assert.equal(third.code, 0, third.stderr);
    assert.equal(third.stdout, '');
    assert.equal(layerReads(), readsAfterFirst);
  });

  it('refuses a configuration without repositories, naming the key', async () => {
    await writeFile(join(dir, 'empty.yaml'), 'repositories: []\n');
    const run = await palisade(['watch', '--config', join(dir, 'empty.yaml'), '--once'], { env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /empty\.yaml: repositories: name at least one repository/);
  });
});
