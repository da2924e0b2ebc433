import { setTimeout as sleep } from 'node:timers/promises';
import { PalisadeError } from '../core/index.ts';
import type { ConnectionHealth } from './health.ts';

export interface RetryOptions {
  /** How long to keep trying an operation before giving up (default 60 s). */
  readonly budgetMs?: number;
  /** The first wait (default 200 ms); each next wait doubles, up to `maxDelayMs` (default 5 s). */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * PostgreSQL error classes worth retrying: connection exceptions (08), the server shutting down or
 * starting (57P01-57P03), too many connections (53300), and a serialisation failure or deadlock
 * (40001, 40P01), after which the transaction can simply run again.
 */
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** What node-postgres says when a connection dies (it throws plain Errors there). */
const RETRYABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

/** Whether an error is the connection's (worth trying again), not the statement's. */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code.startsWith('08') || RETRYABLE_SQLSTATES.has(code) || RETRYABLE_NODE_CODES.has(code)) return true;
  if (error instanceof AggregateError && error.errors.some(isTransientError)) return true;
  return RETRYABLE_MESSAGES.test(error.message);
}

/**
 * Runs `work`, trying again with exponential backoff while it fails with a connection error, for up
 * to the budget; then (or at once, for any other error) the error is thrown, a connection error as
 * DB_UNAVAILABLE naming `what`. Only for idempotent work: every store operation is (inserts ignore
 * conflicts, updates set values), so a statement that committed before its answer was lost can run
 * again without changing the outcome.
 */
export async function withRetry<T>(what: string, work: () => Promise<T>, health: ConnectionHealth | undefined, options: RetryOptions = {}): Promise<T> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const deadline = now() + (options.budgetMs ?? 60_000);
  let delay = options.firstDelayMs ?? 200;
  for (;;) {
    try {
      const value = await work();
      health?.recovered('store');
      return value;
    } catch (error) {
      if (!isTransientError(error)) throw error;
      health?.failed('store', error);
      if (now() + delay > deadline) throw new PalisadeError('DB_UNAVAILABLE', `${what}: the store did not answer for ${options.budgetMs ?? 60_000} ms: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      health?.retried();
      await wait(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    }
  }
}
