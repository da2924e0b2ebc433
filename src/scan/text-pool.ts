import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding, ScanError } from '../core/index.ts';
import type { DocumentNotes } from './document-notes.ts';
import type { ScanOptions } from './settings.ts';

/** A text file whose only reader is secret detection: it can be scanned on any thread. */
export interface TextJob {
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
}

export interface TextBatch {
  readonly files: readonly TextJob[];
}

export interface TextBatchResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly notes: [string, DocumentNotes][];
  readonly filesScanned: number;
}

/** Below this much text a worker's start-up (loading every rule) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 24 * 1024 * 1024;
/** Work is handed out in batches of about this many bytes, so fast workers take more. */
const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * How many worker threads a scan may use: `PALISADE_WORKERS` (0 or 1 turns them off), else one per
 * core the process may use, at most 8.
 */
export function workerCount(env: Readonly<Record<string, string | undefined>>): number {
  const configured = env['PALISADE_WORKERS'];
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured) <= 1 ? 0 : Math.min(Number(configured), 32);
  const cores = availableParallelism();
  return cores <= 1 ? 0 : Math.min(cores, 8);
}

/** Scans the files on `count` worker threads, each running the scan's selected secret rules. */
export async function scanTextInWorkers(jobs: readonly TextJob[], settingsInput: ScanOptions, count: number): Promise<TextBatchResult> {
  const batches = toBatches(jobs);
  const total: { findings: Finding[]; errors: ScanError[]; notes: [string, DocumentNotes][]; filesScanned: number } = { findings: [], errors: [], notes: [], filesScanned: 0 };
  const workers = Array.from({ length: Math.min(count, batches.length) }, () => startWorker(settingsInput));
  try {
    await Promise.all(workers.map((worker) => drain(worker, batches, total)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return total;
}

function toBatches(jobs: readonly TextJob[]): TextBatch[] {
  const sorted = [...jobs].sort((a, b) => b.size - a.size);
  const batches: TextBatch[] = [];
  let current: TextJob[] = [];
  let bytes = 0;
  for (const job of sorted) {
    current.push(job);
    bytes += job.size;
    if (bytes < BATCH_BYTES) continue;
    batches.push({ files: current });
    current = [];
    bytes = 0;
  }
  if (current.length > 0) batches.push({ files: current });
  return batches;
}

function startWorker(settingsInput: ScanOptions): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './text-worker.ts' : './text-worker.js', import.meta.url);
  return new Worker(entry, { workerData: settingsInput });
}

/** Feeds batches to one worker until none are left; rejects when the worker fails. */
function drain(worker: Worker, batches: TextBatch[], total: { findings: Finding[]; errors: ScanError[]; notes: [string, DocumentNotes][]; filesScanned: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const batch = batches.shift();
      if (batch === undefined) resolve();
      else worker.postMessage(batch);
    };
    worker.on('message', (message: TextBatchResult | { ready: true }) => {
      if ('findings' in message) {
        total.findings.push(...message.findings);
        total.errors.push(...message.errors);
        total.notes.push(...message.notes);
        total.filesScanned += message.filesScanned;
      }
      next();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`secret scan worker exited with code ${code}`))));
  });
}
