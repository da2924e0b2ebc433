import type { Job } from 'bullmq';
import { PalisadeError } from '../core/index.ts';
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
  removeOnFail: true,
} as const;

export interface QueueRunnerOptions {
  /** How long to wait for one job before reporting it as a problem (default 1 h). */
  readonly timeoutMs?: number;
}

/** Puts the jobs on the Redis queue and waits for `palisade worker`s to finish them. */
export async function queueRunner(url: string, options: QueueRunnerOptions = {}): Promise<JobRunner> {
  const connection = redisConnection(url);
  await probeRedis(url);
  const { Queue, QueueEvents } = await import('bullmq');
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    await Promise.allSettled([queue.close(), events.close()]);
    throw new PalisadeError('NETWORK_FAILED', `Cannot reach the job queue at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const run = async <T>(name: string, items: readonly { data: object; id: string }[], accept: (value: unknown) => value is T): Promise<Settled<T>[]> => {
    if (items.length === 0) return [];
    const jobs = await queue.addBulk(items.map((item) => ({ name, data: item.data, opts: { ...JOB_OPTIONS, jobId: item.id } })));
    const settled = await Promise.allSettled(jobs.map((job) => job.waitUntilFinished(events, options.timeoutMs ?? 3_600_000)));
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

export interface WorkerOptions {
  readonly concurrency?: number;
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
  worker.on('error', (error) => options.log?.(`queue: ${error.message}`));
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
