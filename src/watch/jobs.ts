import { createHash } from 'node:crypto';
import { PalisadeError } from '../core/index.ts';
import { buildSbom } from '../sbom/build.ts';
import { collectImageInventories } from '../sbom/image-lazy.ts';
import { openAdvisoryDatabase } from '../vuln/db/index.ts';
import type { AdvisorySource, OsvRecord } from '../vuln/index.ts';
import type { DiscoverOptions } from './discover.ts';
import { rematchDigests } from './rematch.ts';
import type { WatchStore } from './store.ts';

/** Build and store the SBOM of one image digest seen for the first time. */
export interface ScanJobData {
  readonly repository: string;
  readonly digest: string;
}

/** Match one chunk of stored SBOMs against the advisory database of one revision. */
export interface RematchJobData {
  readonly revision: string;
  readonly digests: readonly string[];
}

export interface ScanJobResult {
  readonly digest: string;
  readonly stored: boolean;
}

export interface RematchJobResult {
  readonly images: number;
  readonly matched: number;
  /** Alerts this run recorded (a retried job records only what its first run had not). */
  readonly recorded: number;
  readonly problems: readonly string[];
  /** CPU time the job took (user + system), for the benchmark. */
  readonly cpuMs: number;
}

/** What a job needs from the process that runs it (the watcher itself, or `palisade worker`). */
export interface JobContext {
  readonly store: WatchStore;
  /** The advisory database the process reads; its revision must be the job's. */
  readonly databasePath: string;
  readonly fetch: DiscoverOptions;
  /** Advisory lookups kept between the re-match jobs a worker runs (each chunk asks for mostly the same packages). */
  readonly memo?: AdvisoryMemo;
}

/** The advisories per package of one database revision; emptied when the revision changes. */
export interface AdvisoryMemo {
  revision: string;
  readonly records: Map<string, readonly OsvRecord[]>;
}

const MEMO_LIMIT = 200_000;

export function createAdvisoryMemo(): AdvisoryMemo {
  return { revision: '', records: new Map() };
}

function memoised(source: AdvisorySource, memo: AdvisoryMemo | undefined, revision: string): AdvisorySource {
  if (memo === undefined) return source;
  if (memo.revision !== revision || memo.records.size > MEMO_LIMIT) {
    memo.revision = revision;
    memo.records.clear();
  }
  return {
    advisoriesFor(ecosystem, name) {
      const key = `${ecosystem}\u0000${name}`;
      const known = memo.records.get(key);
      if (known !== undefined) return known;
      const records = source.advisoriesFor(ecosystem, name);
      memo.records.set(key, records);
      return records;
    },
  };
}

/** The advisory database's revision: re-match jobs name it, so a worker never matches another one. */
export function databaseRevision(databasePath: string): string {
  const database = openAdvisoryDatabase(databasePath);
  try {
    return database.meta.builtAt ?? '';
  } finally {
    database.close();
  }
}

/**
 * Deterministic job ids: the same work asked twice (two watchers, a pass repeated before the first
 * finished) is one job. BullMQ ids may not contain `:`.
 */
export function scanJobId(digest: string): string {
  return `scan-${digest.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

export function rematchJobId(data: RematchJobData): string {
  const hash = createHash('sha256').update(data.revision).update('\u0000').update(data.digests.join('\n')).digest('hex');
  return `rematch-${hash.slice(0, 40)}`;
}

export async function runScanJob(data: ScanJobData, context: JobContext, now: Date): Promise<ScanJobResult> {
  if (await context.store.hasImage(data.digest)) return { digest: data.digest, stored: false };
  const collected = await collectImageInventories(`docker://${data.repository}@${data.digest}`, { ...context.fetch });
  const sbom = await buildSbom(collected.inventories, { name: data.repository, version: data.digest, kind: 'image' }, 'cyclonedx-json', { timestamp: now });
  await context.store.putImage(data.digest, sbom, now);
  return { digest: data.digest, stored: true };
}

export async function runRematchJob(data: RematchJobData, context: JobContext, now: Date): Promise<RematchJobResult> {
  const before = process.cpuUsage();
  const database = openAdvisoryDatabase(context.databasePath);
  try {
    const revision = database.meta.builtAt ?? '';
    if (revision !== data.revision) throw new PalisadeError('DB_INVALID', `The advisory database ${context.databasePath} was built at ${revision || '(unknown)'}; this job needs the one built at ${data.revision}: update it (palisade db update) or point --db at the watcher's`);
    const result = await rematchDigests(context.store, data.digests, memoised(database, context.memo, revision), now);
    const used = process.cpuUsage(before);
    return { images: data.digests.length, matched: result.matched, recorded: result.added.length, problems: result.problems, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    database.close();
  }
}

export function isScanJobData(value: unknown): value is ScanJobData {
  return typeof value === 'object' && value !== null && 'repository' in value && typeof value.repository === 'string' && 'digest' in value && typeof value.digest === 'string' && /^[a-z0-9]+:[0-9a-f]{32,128}$/.test(value.digest);
}

export function isRematchJobData(value: unknown): value is RematchJobData {
  return typeof value === 'object' && value !== null && 'revision' in value && typeof value.revision === 'string' && 'digests' in value && Array.isArray(value.digests) && value.digests.every((digest) => typeof digest === 'string');
}

/** Splits the stored digests into chunks of `size` (the re-match jobs). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
