import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { PalisadeError } from '../core/errors.ts';
import { defaultDatabasePath } from '../vuln/db/paths.ts';
import type { RunningImagesWatch } from '../watch/discover.ts';
import { watchRunningImages } from '../watch/discover.ts';
import type { WatchConfig } from '../watch/config.ts';
import { loadWatchConfig } from '../watch/config.ts';
import type { WatchPassResult } from '../watch/run.ts';
import { runWatchPass } from '../watch/run.ts';
import type { AlertSink } from '../watch/sinks.ts';
import { jsonLinesSink, slackSink, webhookSink } from '../watch/sinks.ts';
import { ConnectionHealth } from '../watch/health.ts';
import { openWatchStore } from '../watch/open-store.ts';
import type { JobRunner } from '../watch/queue.ts';
import { queueRunner } from '../watch/queue.ts';
import type { WatchStore } from '../watch/store.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const WATCH_HELP = `Usage: palisade watch --config FILE [--once] [--db FILE] [--store LOCATION] [--queue URL]

Keeps every watched image under watch without pulling it again: each pass lists the tags of the
configured repositories and resolves them to digests; a digest seen for the first time has its SBOM
built once and stored; whenever the advisory database changes (palisade db update or import), every
stored SBOM is matched again and only the vulnerabilities never reported before are sent to the
sinks (JSON lines on stdout, a signed webhook, a Slack-compatible webhook).

Options:
  --config FILE         The watch configuration (see docs/watch.md)
  --once                One pass, then exit (for cron jobs and CI); exit 1 when it sent alerts
  --db FILE             Advisory database (default: the configuration's, else the scan default)
  --store LOCATION      Watch store: a SQLite file or postgres://user@host:port/db, shared by
                        several watchers and workers (default: the configuration's store)
  --queue URL           redis://host:port[/db]: scan and re-match jobs go through a BullMQ queue
                        and \`palisade worker\` processes run them (default: this process runs them)
  -h, --help            This help

With \`listen: host:port\` in the configuration, a long-running watch serves /healthz, /metrics
(Prometheus) and /report (every alert raised, JSON).
`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  once: { type: 'boolean' },
  db: { type: 'string' },
  store: { type: 'string' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function watchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(WATCH_HELP);
    return 0;
  }
  const configPath = stringOption(parsed, 'config');
  if (configPath === undefined) throw new PalisadeError('USAGE', 'palisade watch needs --config FILE');
  const config = await loadWatchConfig(configPath);
  const databasePath = stringOption(parsed, 'db') ?? config.database ?? defaultDatabasePath(io.env);
  const queueUrl = stringOption(parsed, 'queue') ?? config.queue;
  // Store and queue outages are logged once each (not per reconnect attempt) and counted for /metrics.
  const health = new ConnectionHealth((line) => void io.stderr.write(`palisade: ${line}\n`));
  const store = await openWatchStore(stringOption(parsed, 'store') ?? config.store, { health });
  let runner: JobRunner | undefined;
  let cluster: RunningImagesWatch | undefined;
  try {
    runner = queueUrl === undefined ? undefined : await queueRunner(queueUrl, { health });
    // The cluster side: a Pod informer follows the running digests between passes.
    cluster = config.cluster === undefined ? undefined : await watchRunningImages(config.cluster, io.env, (message) => io.stderr.write(`palisade: ${message}\n`));
  } catch (error) {
    await runner?.close();
    await store.close();
    throw error;
  }
  const queued = runner === undefined ? {} : { runner, chunkSize: REMATCH_CHUNK };
  const owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const metrics = new WatchMetrics(health);
  const pass = async (): Promise<WatchPassResult> => {
    const result = await runWatchPass({ store, repositories: config.repositories, databasePath, sinks: sinksOf(config, io), fetch: fetchOptions(config, io), ...(cluster === undefined ? {} : { running: cluster.running() }), ...queued, owner, now: new Date() });
    metrics.record(result);
    for (const problem of result.problems) io.stderr.write(`palisade: ${problem}\n`);
    return result;
  };
  try {
    if (parsed.values['once'] === true) return (await pass()).alerts.length > 0 ? 1 : 0;
    return await serve(config, store, metrics, pass, io);
  } finally {
    await cluster?.stop();
    await runner?.close();
    await store.close();
  }
}

/** Stored SBOMs per re-match job when a queue spreads them over workers. */
const REMATCH_CHUNK = 100;

function fetchOptions(config: WatchConfig, io: CliIo): { caFile?: string; insecureRegistries: readonly string[]; env: Readonly<Record<string, string | undefined>> } {
  return { ...(config.caFile === undefined ? {} : { caFile: config.caFile }), insecureRegistries: config.insecureRegistries, env: io.env };
}

function sinksOf(config: WatchConfig, io: CliIo): AlertSink[] {
  return config.sinks.map((sink) => {
    if (sink.type === 'stdout') return jsonLinesSink((text) => io.stdout.write(text));
    if (sink.type === 'slack') return slackSink(sink.url);
    const secret = sink.secretEnv === undefined ? undefined : io.env[sink.secretEnv];
    if (sink.secretEnv !== undefined && (secret === undefined || secret === '')) throw new PalisadeError('CONFIG_INVALID', `The webhook secret variable ${sink.secretEnv} is not set`);
    return webhookSink(sink.url, secret);
  });
}

/** Counters for /metrics. */
class WatchMetrics {
  readonly #health: ConnectionHealth;
  passes = 0;
  failedPasses = 0;
  alerts = 0;
  problems = 0;
  images = 0;
  lastPass = 0;

  constructor(health: ConnectionHealth) {
    this.#health = health;
  }

  record(result: WatchPassResult): void {
    this.passes += 1;
    this.alerts += result.alerts.length;
    this.problems += result.problems.length;
    this.images = result.images;
    this.lastPass = Date.now() / 1000;
  }

  text(): string {
    return [
      '# HELP palisade_watch_passes_total Watch passes completed.',
      '# TYPE palisade_watch_passes_total counter',
      `palisade_watch_passes_total ${this.passes}`,
      '# HELP palisade_watch_failed_passes_total Passes that stopped on an error (no advisory database, the store unreachable).',
      '# TYPE palisade_watch_failed_passes_total counter',
      `palisade_watch_failed_passes_total ${this.failedPasses}`,
      '# HELP palisade_watch_alerts_total New vulnerability alerts raised.',
      '# TYPE palisade_watch_alerts_total counter',
      `palisade_watch_alerts_total ${this.alerts}`,
      '# HELP palisade_watch_problems_total Repositories, images or sinks that failed in a pass.',
      '# TYPE palisade_watch_problems_total counter',
      `palisade_watch_problems_total ${this.problems}`,
      '# HELP palisade_watch_images Image digests in the store.',
      '# TYPE palisade_watch_images gauge',
      `palisade_watch_images ${this.images}`,
      '# HELP palisade_watch_last_pass_timestamp_seconds When the last pass ended.',
      '# TYPE palisade_watch_last_pass_timestamp_seconds gauge',
      `palisade_watch_last_pass_timestamp_seconds ${this.lastPass}`,
      this.#health.metricsText(),
    ].join('\n');
  }
}

/** Passes every interval (never two at once) until SIGINT or SIGTERM, with the HTTP endpoints when configured. */
async function serve(config: WatchConfig, store: WatchStore, metrics: WatchMetrics, pass: () => Promise<WatchPassResult>, io: CliIo): Promise<number> {
  const server = config.listen === undefined ? undefined : await listen(config.listen, store, metrics);
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = (): void => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopping) {
      try {
        await pass();
      } catch (error) {
        metrics.failedPasses += 1;
        io.stderr.write(`palisade: watch pass failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, config.intervalSeconds * 1000).unref();
      });
    }
    return 0;
  } finally {
    server?.close();
  }
}

async function listen(address: string, store: WatchStore, metrics: WatchMetrics): Promise<Server> {
  const { createServer } = await import('node:http');
  const separator = address.lastIndexOf(':');
  const host = separator === -1 ? '127.0.0.1' : address.slice(0, separator);
  const port = Number(separator === -1 ? address : address.slice(separator + 1));
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return void response.writeHead(405).end();
    if (path === '/healthz') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (path === '/metrics') return void response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.text());
    if (path !== '/report') return void response.writeHead(404).end();
    store.alerts().then(
      (alerts) => response.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify({ alerts }, null, 2)}\n`),
      () => response.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
