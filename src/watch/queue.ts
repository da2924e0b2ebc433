import type { Job, Queue, QueueEvents } from 'bullmq';
import { PalisadeError } from '../core/index.ts';
import { ConnectionHealth } from './health.ts';
import type { JobContext, RematchJobData, RematchJobResult, ScanJobData, ScanJobResult } from './jobs.ts';
import { isRematchJobData, isScanJobData, rematchJobId, runRematchJob, runScanJob, scanJobId } from './jobs.ts';

/** The BullMQ queue every watcher and worker of one store shares. */
export const QUEUE_NAME = 'palisade-watch';

/** How the watcher's jobs run: in its own process, or through the queue on `palisade worker`s. */
export interface JobRunner {
  scan(jobs: readonly ScanJobData[]): Promise<Settled<ScanJobResult>[]>;
  rematch(jobs: readonly RematchJobData[]): Promise<Settled<RematchJobResult>[]>;
  close(): Promise<void>;
}

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Runs the jobs here, one after the other (the default: no queue). */
export function localRunner(context: JobContext, now: Date): JobRunner {
  const settle = async <T>(work: () => Promise<T>): Promise<Settled<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    async scan(jobs) {
      const results: Settled<ScanJobResult>[] = [];
      for (const job of jobs) results.push(await settle(() => runScanJob(job, context, now)));
      return results;
    },
    async rematch(jobs) {
      const results: Settled<RematchJobResult>[] = [];
      for (const job of jobs) results.push(await settle(() => runRematchJob(job, context, now)));
      return results;
    },
    close: () => Promise.resolve(),
  };
}

/** `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) as BullMQ connection options. */
export function redisConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  if (!URL.canParse(url) || !/^rediss?:$/.test(new URL(url).protocol)) throw new PalisadeError('USAGE', `--queue expects redis://host:port[/db] (got "${url}")`);
  // BullMQ workers block on Redis: ioredis must retry forever rather than fail a command.
  return { url, maxRetriesPerRequest: null };
}

/**
 * Connects once, without retrying, so a wrong URL or a server that is down is an error at start
 * (BullMQ's own connections retry for ever, which is right for a worker that lost Redis later).
 */
/** A finished job's return value, or its failure as an error. */
async function finished(queue: Queue, id: string, state: 'completed' | 'failed'): Promise<unknown> {
  const job = await queue.getJob(id);
  if (job === undefined) throw new Error('removed from the queue once finished');
  if (state === 'failed') throw new Error(job.failedReason);
  return job.returnvalue;
}

async function probeRedis(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 10_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new PalisadeError('NETWORK_FAILED', `Cannot reach the job queue at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    client.disconnect();
  }
}

/** Retries and backoff are BullMQ's: a failed job is tried again, a job whose worker died (its lock lapsed) is taken by another. */
const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  // Kept a day: the same job id asked again (same revision and chunk, same digest) is not run twice.
  removeOnComplete: { age: 86_400 },
  // Kept (an hour) so that a watcher can tell a failed job from one the queue lost; the next pass
  // asking for the same job removes the failed one first, so a failure never blocks a retry.
  removeOnFail: { age: 3_600 },
} as const;

export interface QueueRunnerOptions {
  /** How long to wait for one job before reporting it as a problem (default 1 h). */
  readonly timeoutMs?: number;
  /**
   * How often a waiting job's state is read from Redis besides the completion events (default 5 s):
   * a job whose event was missed is still seen finished, and a job Redis lost is queued again.
   */
  readonly pollMs?: number;
  /** Where queue connection errors and recoveries are counted and logged. */
  readonly health?: ConnectionHealth;
}

interface QueuedItem {
  readonly name: string;
  readonly data: object;
  readonly id: string;
}

/** Puts the jobs on the Redis queue and waits for `palisade worker`s to finish them. */
export async function queueRunner(url: string, options: QueueRunnerOptions = {}): Promise<JobRunner> {
  const connection = redisConnection(url);
  await probeRedis(url);
  const { Queue, QueueEvents } = await import('bullmq');
  const health = options.health ?? new ConnectionHealth();
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  // Without these listeners a lost Redis connection is an unhandled 'error' event: a crash.
  queue.on('error', (error) => health.failed('queue', error));
  events.on('error', (error) => health.failed('queue', error));
  for (const emitter of [queue, events]) emitter.getBackend().on('ready', () => health.recovered('queue'));
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    await Promise.allSettled([queue.close(), events.close()]);
    throw new PalisadeError('NETWORK_FAILED', `Cannot reach the job queue at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const wakers = wakeOnFinish(events);
  const wait = { timeoutMs: options.timeoutMs ?? 3_600_000, pollMs: options.pollMs ?? 5_000 };
  const run = async <T>(name: string, items: readonly { data: object; id: string }[], accept: (value: unknown) => value is T): Promise<Settled<T>[]> => {
    if (items.length === 0) return [];
    const queued = items.map((item) => ({ ...item, name }));
    await Promise.all(queued.map((item) => removeIfFailed(queue, item.id)));
    await queue.addBulk(queued.map((item) => ({ name, data: item.data, opts: { ...JOB_OPTIONS, jobId: item.id } })));
    const settled = await Promise.allSettled(queued.map((item) => waitForJob(queue, wakers, item, health, wait)));
    return settled.map((outcome, index): Settled<T> => {
      if (outcome.status === 'rejected') return { ok: false, error: `job ${items[index]?.id ?? '?'}: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}` };
      const value: unknown = outcome.value;
      return accept(value) ? { ok: true, value } : { ok: false, error: `job ${items[index]?.id ?? '?'}: unexpected result` };
    });
  };
  return {
    scan: (jobs) => run('scan', jobs.map((data) => ({ data, id: scanJobId(data.digest) })), isScanResult),
    rematch: (jobs) => run('rematch', jobs.map((data) => ({ data, id: rematchJobId(data) })), isRematchResult),
    async close() {
      await Promise.allSettled([events.close(), queue.close()]);
    },
  };
}

/** Job id → the function that wakes its waiter; one listener per event for all waiters. */
function wakeOnFinish(events: QueueEvents): Map<string, () => void> {
  const wakers = new Map<string, () => void>();
  events.on('completed', ({ jobId }) => wakers.get(jobId)?.());
  events.on('failed', ({ jobId }) => wakers.get(jobId)?.());
  return wakers;
}

/** A job failed in an earlier pass is kept for a while; asked for again, it must run again. */
async function removeIfFailed(queue: Queue, id: string): Promise<void> {
  const job = await queue.getJob(id);
  if (job !== undefined && (await job.isFailed())) await job.remove();
}

/**
 * Waits for one job: woken by its completion event, and reading its state every `pollMs` anyway.
 * While Redis is away every command waits for the reconnection (ioredis retries for ever), so an
 * outage only delays the answer; a job Redis no longer knows (restarted without its data) is added
 * again, which is safe because jobs are idempotent (a retried re-match records nothing twice).
 */
async function waitForJob(queue: Queue, wakers: Map<string, () => void>, item: QueuedItem, health: ConnectionHealth, wait: { timeoutMs: number; pollMs: number }): Promise<unknown> {
  const deadline = Date.now() + wait.timeoutMs;
  try {
    for (;;) {
      // Listen before reading the state, so a completion in between is not missed.
      const woken = new Promise<void>((resolve) => {
        wakers.set(item.id, resolve);
        setTimeout(resolve, wait.pollMs).unref();
      });
      // The state first: a job read before its state could be one that completed in between.
      const state = await queue.getJobState(item.id);
      health.recovered('queue');
      if (state === 'unknown') {
        health.requeued(item.id);
        await queue.add(item.name, item.data, { ...JOB_OPTIONS, jobId: item.id });
        continue;
      }
      if (state === 'completed' || state === 'failed') return await finished(queue, item.id, state);
      if (Date.now() > deadline) throw new Error(`not finished after ${wait.timeoutMs} ms (${state})`);
      await woken;
    }
  } finally {
    wakers.delete(item.id);
  }
}

export interface WorkerOptions {
  readonly concurrency?: number;
  /** Where queue connection errors and recoveries are counted and logged (default: logged to `log`). */
  readonly health?: ConnectionHealth;
  /** How long a job stays with a worker that stopped answering before another takes it (default 30 s). */
  readonly lockMs?: number;
  /** Called when a job's work is done, before BullMQ is told (tests kill a worker here). */
  readonly beforeComplete?: (job: { readonly id: string; readonly name: string }) => Promise<void>;
  readonly log?: (line: string) => void;
}

export interface RunningWorker {
  /** Finishes the jobs in hand, then stops. */
  close(): Promise<void>;
}

/** Takes jobs from the queue until closed: `palisade worker`. */
export async function startQueueWorker(url: string, context: JobContext, options: WorkerOptions = {}): Promise<RunningWorker> {
  const connection = redisConnection(url);
  await probeRedis(url);
  const { Worker } = await import('bullmq');
  const lockMs = options.lockMs ?? 30_000;
  const processor = async (job: Job): Promise<ScanJobResult | RematchJobResult> => {
    const now = new Date();
    const result = await processJob(job.name, job.data, context, now);
    await options.beforeComplete?.({ id: job.id ?? '', name: job.name });
    return result;
  };
  const worker = new Worker(QUEUE_NAME, processor, { connection, concurrency: options.concurrency ?? 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 3 });
  worker.on('failed', (job, error) => options.log?.(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`));
  // Without this listener a lost Redis connection is an unhandled 'error' event: a crash. BullMQ's
  // connections retry for ever (maxRetriesPerRequest null), so the worker just waits for Redis.
  const health = options.health ?? new ConnectionHealth(options.log);
  worker.on('error', (error) => health.failed('queue', error));
  worker.getBackend().on('ready', () => health.recovered('queue'));
  worker.on('active', () => health.recovered('queue'));
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await worker.close(true);
    throw new PalisadeError('NETWORK_FAILED', `Cannot reach the job queue at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { close: () => worker.close() };
}

async function processJob(name: string, data: unknown, context: JobContext, now: Date): Promise<ScanJobResult | RematchJobResult> {
  if (name === 'scan' && isScanJobData(data)) return runScanJob(data, context, now);
  if (name === 'rematch' && isRematchJobData(data)) return runRematchJob(data, context, now);
  throw new PalisadeError('USAGE', `Unknown or malformed job "${name}"`);
}

function isScanResult(value: unknown): value is ScanJobResult {
  return typeof value === 'object' && value !== null && 'digest' in value && typeof value.digest === 'string' && 'stored' in value && typeof value.stored === 'boolean';
}

function isRematchResult(value: unknown): value is RematchJobResult {
  if (typeof value !== 'object' || value === null) return false;
  const numbers = ['images', 'matched', 'recorded', 'cpuMs'].every((key) => key in value && typeof Reflect.get(value, key) === 'number');
  return numbers && 'problems' in value && Array.isArray(value.problems) && value.problems.every((problem) => typeof problem === 'string');
}

function redact(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
