// `palisade watch --config F --once` with `queue:` and a PostgreSQL `store:` in the configuration,
// end to end on real servers: the local registry (Debian docker-registry, TLS, htpasswd, access log),
// Redis and PostgreSQL, and two `palisade worker --config F` processes. The workers build the SBOMs
// (scan jobs) and re-match them (re-match jobs); the watcher only lists tags and sends the alerts.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io.ts';
import { watchCommand } from '../../src/cli/watch.ts';
import { importAdvisories } from '../../src/vuln/db/index.ts';
import { openWatchStore } from '../../src/watch/open-store.ts';
import type { RegistryFixture } from '../image/registry.ts';
import { findBinary, startRegistry } from '../image/registry.ts';
import { npmAdvisory, pushGeneratedImage } from '../registry-images.ts';
import type { ServerFixture } from './servers.ts';
import { postgresMissing, redisMissing, startPostgres, startRedis } from './servers.ts';

const IMAGES = 6;
const ENTRY = join(import.meta.dirname, 'worker-entry.ts');
const skip = (findBinary('docker-registry') === undefined || findBinary('openssl') === undefined ? 'needs the Debian packages docker-registry and openssl' : false) || redisMissing() || postgresMissing();

function memoryIo(env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env, out: () => stdout, err: () => stderr };
}

function startWorker(args: readonly string[], env: Record<string, string>): Promise<{ child: ChildProcess; worked: string[] }> {
  const child = spawn(process.execPath, [ENTRY, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const worked: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (text: string) => worked.push(...text.split('\n').filter((line) => line !== '')));
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (stderr.includes('taking jobs from')) resolve({ child, worked });
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
  });
}

describe('palisade watch with queue: and a PostgreSQL store: in the configuration', { skip, timeout: 300_000 }, () => {
  let registry: RegistryFixture;
  let redis: ServerFixture | undefined;
  let postgres: ServerFixture | undefined;
  let dir = '';
  let env: Record<string, string> = {};
  before(async () => {
    [registry, redis, postgres] = await Promise.all([startRegistry({ accessLog: true }), startRedis(), startPostgres()]);
    dir = await mkdtemp(join(tmpdir(), 'palisade-watch-queue-'));
    const dockerConfig = await registry.writeDockerConfig();
    for (let index = 0; index < IMAGES; index += 1) await pushGeneratedImage(registry, dockerConfig, `queue/app-${index}`, '1.0', index);
    await mkdir(join(dir, 'advisories'));
    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0001.json'), npmAdvisory('GHSA-0000-0000-0001', ['unrelated-package']));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
    const repositories = Array.from({ length: IMAGES }, (_, index) => `  - ${registry.host}/queue/app-${index}`).join('\n');
    await writeFile(join(dir, 'watch.yaml'), `store: ${postgres?.url ?? ''}\nqueue: ${redis?.url ?? ''}\ndatabase: advisories.db\ncaFile: ${registry.caFile ?? ''}\nrepositories:\n${repositories}\nsinks: [stdout]\n`);
    env = { DOCKER_CONFIG: dirname(dockerConfig), PALISADE_WORKERS: '0', PALISADE_CACHE_DIR: join(dir, 'cache') };
  });
  after(async () => {
    await Promise.all([registry.stop(), redis?.stop(), postgres?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  const layerReads = (): number => registry.requests().filter((line) => /^GET \/v2\/queue\/app-\d+\/blobs\//.test(line)).length;

  it('has the workers build and match the SBOMs, and sends each new alert once', async () => {
    const workers = await Promise.all([0, 1].map((index) => startWorker(['--config', join(dir, 'watch.yaml')], { ...env, PALISADE_CACHE_DIR: join(dir, `cache-${index}`) })));
    const jobs = (kind: string): number => workers.reduce((sum, worker) => sum + worker.worked.filter((line) => line.startsWith(`worked ${kind} `)).length, 0);
    try {
      const first = memoryIo(env);
      assert.equal(await watchCommand(['--config', join(dir, 'watch.yaml'), '--once'], first), 0, first.err());
      assert.equal(first.out(), '');
      assert.equal(jobs('scan'), IMAGES, 'one scan job per image, all run by the workers');
      const readsAfterFirst = layerReads();
      assert.ok(readsAfterFirst >= IMAGES);
      const store = await openWatchStore(postgres?.url ?? '');
      assert.equal((await store.digests()).length, IMAGES);
      await store.close();

      await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0002.json'), npmAdvisory('GHSA-0000-0000-0002', ['pkg-2', 'pkg-4']));
      await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
      const second = memoryIo(env);
      assert.equal(await watchCommand(['--config', join(dir, 'watch.yaml'), '--once'], second), 1, second.err());
      const alerts: { vulnerability: string; package: string; references: string[] }[] = second.out().trimEnd().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(alerts.map((alert) => `${alert.vulnerability} ${alert.package} ${alert.references.join()}`).sort(), [
        `GHSA-0000-0000-0002 pkg:npm/pkg-2@1.0.0 ${registry.host}/queue/app-2:1.0`,
        `GHSA-0000-0000-0002 pkg:npm/pkg-4@1.0.0 ${registry.host}/queue/app-4:1.0`,
      ]);
      assert.equal(layerReads(), readsAfterFirst, 'no image was pulled again');
      assert.equal(jobs('rematch'), 2, 'one re-match job per database revision (6 SBOMs fit one chunk)');

      await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
      const third = memoryIo(env);
      assert.equal(await watchCommand(['--config', join(dir, 'watch.yaml'), '--once'], third), 0, third.err());
      assert.equal(third.out(), '');
    } finally {
      await Promise.all(
        workers.map(({ child }) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          return exited;
        }),
      );
    }
  });

  it('names an unreachable queue', async () => {
    await writeFile(join(dir, 'dead-queue.yaml'), `store: watch.db\nqueue: redis://127.0.0.1:1\nrepositories: [${registry.host}/queue/app-0]\n`);
    await assert.rejects(watchCommand(['--config', join(dir, 'dead-queue.yaml'), '--once'], memoryIo(env)), (error: Error & { code?: string }) => error.code === 'NETWORK_FAILED' && /Cannot reach the job queue at redis:\/\/127\.0\.0\.1:1/.test(error.message));
  });
});
