import { PalisadeError } from '../core/errors.ts';
import { defaultDatabasePath } from '../vuln/db/paths.ts';
import { loadWatchConfig } from '../watch/config.ts';
import { createAdvisoryMemo } from '../watch/jobs.ts';
import { ConnectionHealth } from '../watch/health.ts';
import { openWatchStore } from '../watch/open-store.ts';
import type { WorkerOptions } from '../watch/queue.ts';
import { startQueueWorker } from '../watch/queue.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const WORKER_HELP = `Usage: palisade worker --queue URL [--store LOCATION] [--db FILE] [--config FILE]
                       [--concurrency N] [--lock-seconds N]

Takes the scan and re-match jobs of \`palisade watch --queue URL\` from the BullMQ queue on Redis and
runs them: a scan job builds and stores one new image's SBOM, a re-match job matches a chunk of the
stored SBOMs against the advisory database and records the new alerts (the watcher sends them). Run
any number of workers, on any machines, against the same queue and store. Retries, backoff and the
recovery of jobs whose worker died are BullMQ's; alerts are recorded once whoever retries.

Options:
  --queue URL           redis://host:port[/db] (default: the configuration's queue)
  --store LOCATION      The watcher's store: postgres://user@host:port/db, or a SQLite file on this
                        machine (default: the configuration's store)
  --db FILE             Advisory database; must be the same revision as the watcher's (default: the
                        configuration's, else the scan default)
  --config FILE         A watch configuration to read queue, store, database, caFile and
                        insecureRegistries from
  --concurrency N       Jobs run at once (default 1)
  --lock-seconds N      How long a job stays with a worker that stopped answering before another
                        worker takes it again (default 30)
  -h, --help            This help

Stops on SIGINT or SIGTERM after finishing the jobs in hand.
`;

const OPTIONS = {
  queue: { type: 'string' },
  store: { type: 'string' },
  db: { type: 'string' },
  config: { type: 'string', short: 'c' },
  concurrency: { type: 'string' },
  'lock-seconds': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Test hooks (the CLI passes none). */
export type WorkerHooks = Pick<WorkerOptions, 'beforeComplete'>;

export async function workerCommand(args: readonly string[], io: CliIo, hooks: WorkerHooks = {}): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(WORKER_HELP);
    return 0;
  }
  if (parsed.positionals.length > 0) throw new PalisadeError('USAGE', `palisade worker takes no arguments (got "${parsed.positionals[0] ?? ''}")`);
  const configPath = stringOption(parsed, 'config');
  const config = configPath === undefined ? undefined : await loadWatchConfig(configPath);
  const queue = stringOption(parsed, 'queue') ?? config?.queue;
  if (queue === undefined) throw new PalisadeError('USAGE', 'palisade worker needs --queue redis://host:port (or a --config with queue:)');
  const storeLocation = stringOption(parsed, 'store') ?? config?.store;
  if (storeLocation === undefined) throw new PalisadeError('USAGE', 'palisade worker needs --store LOCATION (or a --config with store:)');
  const concurrency = positiveInteger(parsed, 'concurrency', 1);
  const lockSeconds = positiveInteger(parsed, 'lock-seconds', 30);
  const databasePath = stringOption(parsed, 'db') ?? config?.database ?? defaultDatabasePath(io.env);
  const fetch = { ...(config?.caFile === undefined ? {} : { caFile: config.caFile }), insecureRegistries: config?.insecureRegistries ?? [], env: io.env };
  const log = (line: string): void => void io.stderr.write(`palisade worker: ${line}\n`);
  // Store and queue outages are logged once each (when they start and end), not per reconnect attempt.
  const health = new ConnectionHealth(log);
  const store = await openWatchStore(storeLocation, { health });
  try {
    const worker = await startQueueWorker(queue, { store, databasePath, fetch, memo: createAdvisoryMemo() }, { concurrency, health, lockMs: lockSeconds * 1000, log, ...hooks });
    log(`taking jobs from ${new URL(queue).host} (store ${store.location})`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.close();
    return 0;
  } finally {
    await store.close();
  }
}

function positiveInteger(parsed: ReturnType<typeof parseCommandArgs>, name: string, fallback: number): number {
  const text = stringOption(parsed, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new PalisadeError('USAGE', `--${name} expects a whole number from 1 to 10000 (got "${text}")`);
  return value;
}
