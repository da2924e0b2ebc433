// How much the text scan uses worker threads; apart from text-pool.ts, which loads the secret
// detectors, so a scan with no text file to read does not load them.
import { availableParallelism } from 'node:os';

/** Below this much text a worker's start-up (loading every rule) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 24 * 1024 * 1024;

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
