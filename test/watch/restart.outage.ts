// Issue 14, outages: a watcher (in this process) and a real `palisade worker` (a child process) share a
// real Redis queue and a real PostgreSQL store; each server is stopped in the middle of a pass and
// started again on the same port and data folder. Every job completes, every alert reaches the sink
// exactly once, neither process dies, and the outage shows in the logs and the health counters.
// Opt-in (about 7 s of CPU with the servers): node --test test/watch/restart.outage.ts
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { importAdvisories } from '../../src/vuln/db/index.ts';
import { ConnectionHealth } from '../../src/watch/health.ts';
import { openWatchStore } from '../../src/watch/open-store.ts';
import { QUEUE_NAME, queueRunner, redisConnection } from '../../src/watch/queue.ts';
import { runWatchPass } from '../../src/watch/run.ts';
import type { WatchStore } from '../../src/watch/store.ts';
import type { WorkerProcess } from './queue-fixtures.ts';
import { advisory, collector, digestOf, sbom, startWorker, stopWorker } from './queue-fixtures.ts';
import type { RedisFixture, ServerFixture } from './servers.ts';
import { postgresMissing, redisMissing, startPostgres, startRedis } from './servers.ts';

const IMAGES = 24;
const CHUNK = 4;
const JOBS = IMAGES / CHUNK;
const OUTAGE_MS = 1500;
const NOW = new Date('2026-11-27T12:00:00.000Z');

const skip = redisMissing() || postgresMissing();

const line = (digest: string, vulnerability: string, purl: string): string => `${digest} ${vulnerability} ${purl}`;

describe('the watcher and a worker across Redis and PostgreSQL restarts', { skip, timeout: 300_000 }, () => {
  let redis: RedisFixture | undefined;
  let postgres: ServerFixture | undefined;
  let dir = '';
  let store: WatchStore | undefined;
  let worker: WorkerProcess | undefined;
  const watcherLog: string[] = [];
  const health = new ConnectionHealth((text) => watcherLog.push(text));
  /** Called with the worker's first "worked …" line of a pass (the outage starts there). */
  let onFirstJob: (() => void) | undefined;

  const importRevision = async (names: readonly [string, readonly string[], string][], builtAt: string): Promise<void> => {
    await rm(join(dir, 'advisories'), { recursive: true, force: true });
    await mkdir(join(dir, 'advisories'));
    for (const [id, packages, fixed] of names) await writeFile(join(dir, 'advisories', `${id}.json`), advisory(id, packages, fixed));
    await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true, now: () => new Date(builtAt) });
  };

  const pass = async (): Promise<Awaited<ReturnType<typeof runWatchPass>> & { sent: string[] }> => {
    const sink = collector();
    const runner = await queueRunner(redis?.url ?? '', { health, pollMs: 500 });
    try {
      const result = await runWatchPass({ store: required(store), repositories: [], databasePath: join(dir, 'advisories.db'), sinks: [sink], fetch: {}, now: NOW, runner, chunkSize: CHUNK, owner: 'outage-watcher' });
      return { ...result, sent: sink.received.map((alert) => line(alert.digest, alert.vulnerability, alert.package)) };
    } finally {
      await runner.close();
    }
  };

  /** Stops the server at the worker's first finished job of the next pass and starts it again OUTAGE_MS later. */
  const outageAtFirstJob = (server: ServerFixture | undefined, resume = (target: ServerFixture) => target.resume()): Promise<void> =>
    new Promise((resolve, reject) => {
      onFirstJob = () => {
        onFirstJob = undefined;
        const target = required(server);
        target.pause().then(() => sleep(OUTAGE_MS)).then(() => resume(target)).then(resolve, reject);
      };
    });

  before(async () => {
    [redis, postgres] = await Promise.all([startRedis({ persistent: true }), startPostgres()]);
    dir = await mkdtemp(join(tmpdir(), 'palisade-outage-'));
    await importRevision([['GHSA-0000-0000-0001', ['pkg-1', 'pkg-5', 'pkg-9', 'pkg-13', 'pkg-17', 'pkg-21'], '1.0.1'], ['GHSA-0000-0000-0002', ['shared-lib'], '2.0.1']], '2026-11-27T10:00:00.000Z');
    store = await openWatchStore(postgres.url, { health, retry: { firstDelayMs: 100, maxDelayMs: 1000 } });
    for (let index = 0; index < IMAGES; index += 1) {
      await store.putImage(digestOf(index), sbom(index), NOW);
      await store.putReference({ reference: `registry.example.com/app-${index}:1.0`, digest: digestOf(index) }, NOW);
    }
    const args = ['--queue', redis.url, '--store', postgres.url, '--db', join(dir, 'advisories.db'), '--lock-seconds', '3'];
    worker = await startWorker(args, () => onFirstJob?.(), 300);
  });

  after(async () => {
    if (worker !== undefined) await stopWorker(worker.child);
    await store?.close();
    await Promise.all([redis?.stop(), postgres?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('finishes every job and sends every alert once when Redis crashes and comes back mid-pass', async () => {
    const outage = outageAtFirstJob(redis);
    const result = await pass();
    await outage;
    assert.deepEqual(result.problems, []);
    assert.equal(result.jobs, JOBS);
    const expected = [
      ...[1, 5, 9, 13, 17, 21].map((index) => line(digestOf(index), 'GHSA-0000-0000-0001', `pkg:npm/pkg-${index}@1.0.0`)),
      ...Array.from({ length: IMAGES }, (_, index) => line(digestOf(index), 'GHSA-0000-0000-0002', 'pkg:npm/shared-lib@2.0.0')),
    ].sort();
    assert.deepEqual(result.sent, expected, 'each alert sent exactly once, in key order');

    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(redis?.url ?? '') });
    try {
      assert.deepEqual(await queue.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed'), { completed: JOBS, failed: 0, active: 0, wait: 0, delayed: 0 });
    } finally {
      await queue.close();
    }
    assert.equal(worker?.child.exitCode, null, 'the worker is still running');
    assert.match(worker?.stderr ?? '', /palisade worker: lost the queue: .*; retrying with backoff\n/);
    assert.match(worker?.stderr ?? '', /palisade worker: the queue is back after \d+ ms\n/);
    assert.ok(watcherLog.some((text) => text.startsWith('lost the queue: ')), watcherLog.join('\n'));
    assert.ok(watcherLog.some((text) => /^the queue is back after \d+ ms$/.test(text)), watcherLog.join('\n'));
    const snapshot = health.snapshot();
    assert.deepEqual([snapshot.outages.queue >= 1, snapshot.errors.queue >= 1, snapshot.down, snapshot.requeuedJobs], [true, true, [], 0]);
  });

  it('finishes every job and sends every new alert once when PostgreSQL restarts mid-pass', async () => {
    await importRevision([['GHSA-0000-0000-0001', ['pkg-1', 'pkg-5', 'pkg-9', 'pkg-13', 'pkg-17', 'pkg-21'], '1.0.1'], ['GHSA-0000-0000-0002', ['shared-lib'], '2.0.1'], ['GHSA-0000-0000-0003', ['pkg-2', 'pkg-22'], '1.0.1']], '2026-11-27T11:00:00.000Z');
    const before = health.snapshot();
    const outage = outageAtFirstJob(postgres);
    const result = await pass();
    await outage;
    assert.deepEqual(result.problems, []);
    assert.deepEqual([result.rematched, result.jobs], [true, JOBS]);
    // Only the new advisory's alerts: the earlier ones were recorded and sent in the first test.
    assert.deepEqual(result.sent, [line(digestOf(2), 'GHSA-0000-0000-0003', 'pkg:npm/pkg-2@1.0.0'), line(digestOf(22), 'GHSA-0000-0000-0003', 'pkg:npm/pkg-22@1.0.0')]);
    assert.equal((await required(store).alerts()).length, 6 + IMAGES + 2);
    assert.equal(worker?.child.exitCode, null, 'the worker is still running');
    // The watcher's idle connections were ended by the shutdown (a pool 'error', once fatal), then it
    // connected again.
    const after = health.snapshot();
    assert.ok(after.errors.store > before.errors.store, watcherLog.join('\n'));
    assert.equal(after.outages.store, before.outages.store + 1);
    assert.ok(watcherLog.some((text) => text.startsWith('lost the store: ')), watcherLog.join('\n'));
    assert.match(health.metricsText(), /^palisade_watch_outages_total\{service="store"\} 1$/m);
  });

  it('waits for PostgreSQL with backoff when it is down as a pass starts', async () => {
    await required(postgres).pause();
    const back = sleep(OUTAGE_MS).then(() => required(postgres).resume());
    const before = health.snapshot();
    const result = await pass().finally(() => back);
    assert.deepEqual([result.problems, result.rematched, result.sent], [[], false, []]);
    const after = health.snapshot();
    assert.ok(after.storeRetries > before.storeRetries, 'the store was asked again after connection errors');
    assert.deepEqual([after.outages.store, after.down], [before.outages.store + 1, []]);
    assert.match(health.metricsText(), /^palisade_watch_connection_up\{service="store"\} 1$/m);
  });

  it('queues again the jobs Redis lost when it restarts without its data', async () => {
    await importRevision([['GHSA-0000-0000-0001', ['pkg-1', 'pkg-5', 'pkg-9', 'pkg-13', 'pkg-17', 'pkg-21'], '1.0.1'], ['GHSA-0000-0000-0002', ['shared-lib'], '2.0.1'], ['GHSA-0000-0000-0003', ['pkg-2', 'pkg-22'], '1.0.1'], ['GHSA-0000-0000-0004', ['pkg-3', 'pkg-23'], '1.0.1']], '2026-11-27T12:00:00.000Z');
    const before = health.snapshot();
    const outage = outageAtFirstJob(redis, () => required(redis).resumeEmpty());
    const result = await pass().finally(() => outage);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.sent, [line(digestOf(3), 'GHSA-0000-0000-0004', 'pkg:npm/pkg-3@1.0.0'), line(digestOf(23), 'GHSA-0000-0000-0004', 'pkg:npm/pkg-23@1.0.0')]);
    assert.equal((await required(store).alerts()).length, 6 + IMAGES + 4);
    assert.equal(worker?.child.exitCode, null, 'the worker is still running');
    const after = health.snapshot();
    assert.ok(after.requeuedJobs > before.requeuedJobs, watcherLog.join('\n'));
    assert.ok(watcherLog.some((text) => /^job rematch-[0-9a-f]{40} was missing from the queue \(Redis lost its data\?\); queued again$/.test(text)), watcherLog.join('\n'));
  });
});

function required<T>(value: T | undefined): T {
  assert.ok(value !== undefined);
  return value;
}
