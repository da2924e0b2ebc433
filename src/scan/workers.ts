// How much the text scan uses worker threads, and their start; apart from text-pool.ts, which loads
// the secret detectors, so a scan with no text file to read does not load them.
import { getCompileCacheDir } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { FileRef } from '../core/index.ts';

/**
 * Below this much text a worker costs more than it saves. A worker's start-up (Node's worker set-up,
 * the detector modules) and its warm-up (compiling the same hot code and regexes again) are about half
 * a CPU-second; on two cores they tied with one thread at 109 MB of text and won from about 200 MB
 * (decision 0035-c).
 */
export const PARALLEL_MIN_BYTES = 128 * 1024 * 1024;

/**
 * How many threads a scan may use for text: `PALISADE_WORKERS` (0 or 1 turns workers off), else one
 * per idle core (cores minus the 1-minute load average) plus the main thread's, at most 8; none when
 * not a core is idle (extra threads then only add their start-up to the CPU time).
 */
export function workerCount(env: Readonly<Record<string, string | undefined>>, load = loadavg()[0] ?? 0): number {
  const configured = env['PALISADE_WORKERS'];
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured) <= 1 ? 0 : Math.min(Number(configured), 32);
  const cores = availableParallelism();
  const idle = Math.floor(cores - load);
  return cores <= 1 || idle < 1 ? 0 : Math.min(cores, idle + 1, 8);
}

/** A started text worker, and how it ended (a promise, so that an end before anyone listens is not lost). */
export interface TextWorker {
  readonly worker: Worker;
  readonly ended: Promise<{ readonly code: number; readonly error?: unknown }>;
}

/**
 * Starts `count` text workers (text-worker.ts); each loads the secret detectors at once, then waits
 * for its `TextWork` (text-pool.ts). When the main thread uses Node's module compile cache (the CLI
 * enables it), the worker's environment names it: the worker then loads even its entry module from
 * the cache (from the TypeScript sources, that spares it the type stripper's start-up, ~0.2 CPU-second).
 */
export function startTextWorkers(count: number): TextWorker[] {
  // Loaded here, not at the top: most scans start no worker, and the module costs about 8 ms to load.
  const threads = process.getBuiltinModule('node:worker_threads');
  const entry = new URL(import.meta.url.endsWith('.ts') ? './text-worker.ts' : './text-worker.js', import.meta.url);
  const cache = getCompileCacheDir();
  const options = cache === undefined ? {} : { env: { ...process.env, NODE_COMPILE_CACHE: cache } };
  return Array.from({ length: count }, () => {
    const worker = new threads.Worker(entry, options);
    let error: unknown;
    worker.on('error', (failure) => (error = failure));
    const ended = new Promise<{ code: number; error?: unknown }>((resolve) => worker.once('exit', (code) => resolve(error === undefined ? { code } : { code, error })));
    return { worker, ended };
  });
}

/**
 * Starts the text workers while a tree is walked, once the files the text analyzer reads by their
 * name reach `minBytes`: by the time the walk and the settings are done, the workers have loaded the
 * detectors (a few hundred milliseconds no longer spent while the main thread scans alone).
 */
export interface WorkerHeadStart {
  /** Counts a walked file; starts the workers when the count reaches the threshold. */
  add(file: FileRef): void;
  /** The workers started (none below the threshold). */
  started(): readonly TextWorker[];
  /** Terminates every worker started (again, for those the scan terminated already: no harm). */
  stop(): Promise<void>;
}

const NO_HEAD_START: WorkerHeadStart = { add: () => undefined, started: () => [], stop: async () => undefined };

/** A head start for `count` workers (none when `count` is 0: nothing is loaded then). */
export async function workerHeadStart(count: number, minBytes = PARALLEL_MIN_BYTES): Promise<WorkerHeadStart> {
  if (count <= 0) return NO_HEAD_START;
  const { isScannableName } = await import('../secrets/analyzer.ts');
  let seen = 0;
  let workers: TextWorker[] = [];
  return {
    add(file) {
      if (seen >= minBytes || !isScannableName(file)) return;
      seen += file.size;
      if (seen >= minBytes) workers = startTextWorkers(count);
    },
    started: () => workers,
    async stop() {
      await Promise.all(workers.map((text) => text.worker.terminate()));
    },
  };
}
