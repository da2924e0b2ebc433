// One writer at a time per database path: a small SQLite lock file beside it, held with
// BEGIN IMMEDIATE for the whole import. The operating system releases it if the process dies.
import { DatabaseSync } from 'node:sqlite';
import { PalisadeError } from '../../core/index.ts';

/** Default wait for another import or update of the same database to finish. */
export const LOCK_TIMEOUT_MS = 60_000;

/** Takes the writer lock for `target` (file `<target>.lock`); returns the function that releases it. */
export function acquireWriterLock(target: string, timeoutMs: number = LOCK_TIMEOUT_MS): () => void {
  const path = `${target}.lock`;
  const lock = new DatabaseSync(path);
  try {
    lock.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    lock.close();
    throw new PalisadeError('DB_UNAVAILABLE', `Another import or update is writing ${target} (lock ${path} held for more than ${Math.round(timeoutMs / 1000)} s); try again when it has finished.`, { cause: error, position: { path: target } });
  }
  return () => {
    lock.exec('ROLLBACK');
    lock.close();
  };
}
