// Issue 11, scale-out: the watcher puts re-match jobs on a real Redis (BullMQ) and two real
// `palisade worker` processes take them, sharing a real PostgreSQL store. One worker is killed
// (SIGKILL) after recording a job's alerts but before BullMQ heard the job was done: the job is not
// lost (BullMQ gives it to the other worker once the dead one's lock lapses), the retry records
// nothing twice, and every alert reaches the sink exactly once.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { importAdvisories } from '../../src/vuln/db/index.ts';
import { openWatchStore } from '../../src/watch/open-store.ts';
import { QUEUE_NAME, queueRunner, redisConnection } from '../../src/watch/queue.ts';
import { runWatchPass } from '../../src/watch/run.ts';
import type { WatchStore } from '../../src/watch/store.ts';
import type { WorkerProcess } from './queue-fixtures.ts';
import { advisory, collector, digestOf, sbom, startWorker, stopWorker } from './queue-fixtures.ts';
import type { ServerFixture } from './servers.ts';
import { postgresMissing, redisMissing, startPostgres, startRedis } from './servers.ts';

const IMAGES = 24;
const CHUNK = 4;
const NOW = new Date('2026-11-27T12:00:00.000Z');

const skip = redisMissing() || postgresMissing();

describe('palisade watch --queue with two workers', { skip, timeout: 300_000 }, () => {
  let redis: ServerFixture | undefined;
  let postgres: ServerFixture | undefined;
  let dir = '';
  before(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    dir = await mkdtemp(join(tmpdir(), 'palisade-queue-'));
    await mkdir(join(dir, 'advisories'));
    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0001.json'), advisory('GHSA-0000-0000-0001', ['pkg-1', 'pkg-5', 'pkg-9', 'pkg-13', 'pkg-17', 'pkg-21'], '1.0.1'));
    await writeFile(join(dir, 'advisories', 'GHSA-0000-0000-0002.json'), advisory('GHSA-0000-0000-0002', ['shared-lib'], '2.0.1'));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
  });
  after(async () => {
    await Promise.all([redis?.stop(), postgres?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no job when a worker is killed mid-job and sends every alert exactly once', async () => {
    const redisUrl = redis?.url ?? '';
    const storeUrl = postgres?.url ?? '';
    const store: WatchStore = await openWatchStore(storeUrl);
    const workers: WorkerProcess[] = [];
    try {
      for (let index = 0; index < IMAGES; index += 1) {
        await store.putImage(digestOf(index), sbom(index), NOW);
        await store.putReference({ reference: `registry.example.com/app-${index}:1.0`, digest: digestOf(index) }, NOW);
      }
      const args = ['--queue', redisUrl, '--store', storeUrl, '--db', join(dir, 'advisories.db'), '--lock-seconds', '3'];
      let killed: string | undefined;
      const victim = await startWorker(args, (line) => {
        if (killed !== undefined || !line.startsWith('worked rematch ')) return;
        killed = line.slice('worked rematch '.length);
        victim.child.kill('SIGKILL');
      });
      workers.push(victim, await startWorker(args, () => undefined));

      const sink = collector();
      const runner = await queueRunner(redisUrl);
      const pass = await runWatchPass({ store, repositories: [], databasePath: join(dir, 'advisories.db'), sinks: [sink], fetch: {}, now: NOW, runner, chunkSize: CHUNK, owner: 'test-watcher' });
      await runner.close();

      assert.deepEqual(pass.problems, []);
      assert.equal(pass.jobs, IMAGES / CHUNK);
      assert.ok(killed !== undefined, 'the first worker was killed after a job');
      const expected = [
        ...[1, 5, 9, 13, 17, 21].map((index) => `${digestOf(index)} GHSA-0000-0000-0001 pkg:npm/pkg-${index}@1.0.0`),
        ...Array.from({ length: IMAGES }, (_, index) => `${digestOf(index)} GHSA-0000-0000-0002 pkg:npm/shared-lib@2.0.0`),
      ].sort();
      const sent = sink.received.map((alert) => `${alert.digest} ${alert.vulnerability} ${alert.package}`);
      assert.deepEqual(sent, expected, 'each alert sent exactly once, in key order');
      assert.deepEqual(sink.received.find((alert) => alert.digest === digestOf(5) && alert.vulnerability === 'GHSA-0000-0000-0001')?.references, ['registry.example.com/app-5:1.0']);

      const queue = new Queue(QUEUE_NAME, { connection: redisConnection(redisUrl) });
      try {
        assert.deepEqual(await queue.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed'), { completed: IMAGES / CHUNK, failed: 0, active: 0, wait: 0, delayed: 0 });
        const retried = await queue.getJob(killed);
        assert.ok(retried !== undefined);
        assert.equal(retried.stalledCounter, 1, 'BullMQ took the job back from the dead worker once');
        assert.equal(retried.returnvalue.recorded, 0, 'the retry found every alert of its chunk already recorded');
      } finally {
        await queue.close();
      }
      assert.ok((workers[1]?.worked ?? []).includes(`worked rematch ${killed}`), 'the surviving worker ran the killed job again');

      // The same database again: nothing to match, nothing pending, nothing sent.
      const again = collector();
      const second = await runWatchPass({ store, repositories: [], databasePath: join(dir, 'advisories.db'), sinks: [again], fetch: {}, now: NOW, chunkSize: CHUNK, owner: 'test-watcher' });
      assert.deepEqual([second.rematched, second.alerts.length, again.received.length], [false, 0, 0]);
      assert.equal((await store.alerts()).length, expected.length);
    } finally {
      await Promise.all(workers.map((worker) => stopWorker(worker.child)));
      await store.close();
    }
  });
});
