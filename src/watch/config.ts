import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { PalisadeError } from '../core/index.ts';
import { MAX_YAML_INDENT, deepIndentationLine } from '../core/yaml-guard.ts';

/** One sink the alerts go to. */
export type SinkConfig = { readonly type: 'stdout' } | { readonly type: 'webhook'; readonly url: string; readonly secretEnv?: string } | { readonly type: 'slack'; readonly url: string };

export interface WatchConfig {
  /** The watch store: a SQLite file (relative paths resolve against the config file's folder) or `postgres://…`. */
  readonly store: string;
  /** `redis://host:port[/db]`: scan and re-match jobs go through this BullMQ queue to `palisade worker`s. */
  readonly queue?: string;
  /** The advisory database; default: the scan's default. */
  readonly database?: string;
  /** Seconds between passes. */
  readonly intervalSeconds: number;
  /** `registry/repository` of every repository to watch, and which tags (globs; default all). */
  readonly repositories: readonly { readonly repository: string; readonly tags: readonly string[] }[];
  readonly caFile?: string;
  readonly insecureRegistries: readonly string[];
  readonly sinks: readonly SinkConfig[];
  /** `host:port` for /metrics, /report and /healthz; none when absent. */
  readonly listen?: string;
  /** A kubeconfig context whose Pods say which digests run where (optional). */
  readonly cluster?: { readonly kubeconfig?: string; readonly context?: string };
}

const DURATION = /^(\d+)(s|m|h)$/;

/** Reads `palisade watch --config FILE`; every problem names the key. */
export async function loadWatchConfig(path: string): Promise<WatchConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PalisadeError('CONFIG_UNREADABLE', `Cannot read watch configuration ${path}`, { cause: error, position: { path } });
  }
  const deep = deepIndentationLine(text);
  if (deep !== undefined) throw new PalisadeError('CONFIG_INVALID', `${path}: line ${deep} is indented more than ${MAX_YAML_INDENT} levels; not read`, { position: { path, line: deep } });
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new PalisadeError('CONFIG_INVALID', `${path}: not YAML: ${error instanceof Error ? error.message : String(error)}`, { position: { path } });
  }
  return parseWatchConfig(value, path);
}

export function parseWatchConfig(value: unknown, path: string): WatchConfig {
  const fail = (key: string, message: string): never => {
    throw new PalisadeError('CONFIG_INVALID', `${path}: ${key}: ${message}`, { position: { path } });
  };
  const root = isRecord(value) ? value : fail('(top)', 'expected a mapping');
  const base = dirname(path);
  const resolvePath = (file: string): string => (isAbsolute(file) ? file : join(base, file));
  const text = (key: string): string | undefined => {
    const entry = root[key];
    if (entry === undefined) return undefined;
    return typeof entry === 'string' && entry !== '' ? entry : fail(key, 'expected a non-empty string');
  };
  const interval = text('interval') ?? '10m';
  const match = DURATION.exec(interval) ?? fail('interval', `expected a duration such as 30s, 10m or 1h (got "${interval}")`);
  const seconds = Number(match[1]) * (match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1);
  if (seconds < 1) fail('interval', 'must be at least 1s');
  const repositories = list(root['repositories'], 'repositories', fail).map((entry, index) => {
    if (typeof entry === 'string') return { repository: entry, tags: ['*'] };
    const record = isRecord(entry) ? entry : fail(`repositories[${index}]`, 'expected a string or { repository, tags }');
    const repository = typeof record['repository'] === 'string' ? record['repository'] : fail(`repositories[${index}].repository`, 'expected a string');
    const tags = record['tags'] === undefined ? ['*'] : list(record['tags'], `repositories[${index}].tags`, fail).map((tag, at) => (typeof tag === 'string' ? tag : fail(`repositories[${index}].tags[${at}]`, 'expected a string')));
    return { repository, tags };
  });
  if (repositories.length === 0) fail('repositories', 'name at least one repository (registry/repository)');
  const sinks = root['sinks'] === undefined ? [{ type: 'stdout' as const }] : list(root['sinks'], 'sinks', fail).map((entry, index) => sinkOf(entry, `sinks[${index}]`, fail));
  const store = text('store');
  const database = text('database');
  const caFile = text('caFile');
  const listen = text('listen');
  const queue = text('queue');
  if (queue !== undefined && !/^rediss?:\/\/./.test(queue)) fail('queue', `expected redis://host:port[/db] (got "${queue}")`);
  const insecure = root['insecureRegistries'] === undefined ? [] : list(root['insecureRegistries'], 'insecureRegistries', fail).map((host, index) => (typeof host === 'string' ? host : fail(`insecureRegistries[${index}]`, 'expected a string')));
  const cluster = root['cluster'] === undefined ? undefined : isRecord(root['cluster']) ? root['cluster'] : fail('cluster', 'expected { kubeconfig, context }');
  return {
    store: store !== undefined && /^postgres(ql)?:\/\//.test(store) ? store : resolvePath(store ?? 'watch.db'),
    ...(queue === undefined ? {} : { queue }),
    ...(database === undefined ? {} : { database: resolvePath(database) }),
    intervalSeconds: seconds,
    repositories,
    ...(caFile === undefined ? {} : { caFile: resolvePath(caFile) }),
    insecureRegistries: insecure,
    sinks,
    ...(listen === undefined ? {} : { listen }),
    ...(cluster === undefined
      ? {}
      : { cluster: { ...(typeof cluster['kubeconfig'] === 'string' ? { kubeconfig: resolvePath(cluster['kubeconfig']) } : {}), ...(typeof cluster['context'] === 'string' ? { context: cluster['context'] } : {}) } }),
  };
}

function sinkOf(entry: unknown, key: string, fail: (key: string, message: string) => never): SinkConfig {
  if (entry === 'stdout') return { type: 'stdout' };
  const record = isRecord(entry) ? entry : fail(key, 'expected "stdout", { webhook: URL, secretEnv } or { slack: URL }');
  if (typeof record['webhook'] === 'string' && URL.canParse(record['webhook'])) {
    const secretEnv = record['secretEnv'];
    if (secretEnv !== undefined && typeof secretEnv !== 'string') fail(`${key}.secretEnv`, 'expected the name of an environment variable');
    return { type: 'webhook', url: record['webhook'], ...(typeof secretEnv === 'string' ? { secretEnv } : {}) };
  }
  if (typeof record['slack'] === 'string' && URL.canParse(record['slack'])) return { type: 'slack', url: record['slack'] };
  return fail(key, 'expected "stdout", { webhook: URL, secretEnv } or { slack: URL } with a valid URL');
}

function list(value: unknown, key: string, fail: (key: string, message: string) => never): unknown[] {
  return Array.isArray(value) ? value : fail(key, 'expected a list');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
