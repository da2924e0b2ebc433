// `palisade db update`: fetch `<mirror>/<Ecosystem>/all.zip` for each ecosystem, verify every zip,
// then import them all in one atomic swap. Unchanged zips (304) are not imported again.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { PalisadeError } from '../../core/index.ts';
import type { PackageEcosystem } from '../../packages/index.ts';
import type { DownloadPolicy, Validators } from './download.ts';
import { download } from './download.ts';
import type { ImportInput, ImportSummary } from './import.ts';
import { importAdvisories, removeStaleTemporaries } from './import.ts';
import { DEFAULT_MIRROR } from './paths.ts';
import { MAX_ADVISORY_BYTES } from './record.ts';
import { readDatabaseMeta } from './store.ts';
import { verifyZip } from './zip.ts';

/** The ecosystems Palisade's package analyzers produce (src/packages). */
export const DEFAULT_ECOSYSTEMS = [
  'AlmaLinux',
  'Alpine',
  'Debian',
  'Go',
  'Maven',
  'NuGet',
  'Packagist',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'RubyGems',
  'Ubuntu',
  'crates.io',
  'npm',
] as const satisfies readonly PackageEcosystem[];

export interface UpdateOptions {
  readonly mirror?: string;
  readonly ecosystems?: readonly string[];
  /** Where downloads (and partial downloads, resumed next time) are kept; default `<db>.downloads/`. */
  readonly cacheDir?: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly lockTimeoutMs?: number;
  /** Called before each download (progress). */
  readonly onDownload?: (ecosystem: string, url: string) => void;
}

export interface EcosystemUpdate {
  readonly ecosystem: string;
  readonly url: string;
  readonly status: 'updated' | 'unchanged';
  readonly bytes?: number;
  readonly resumed?: boolean;
}

export interface UpdateSummary {
  readonly path: string;
  readonly ecosystems: readonly EcosystemUpdate[];
  /** Absent when every ecosystem was unchanged (nothing was written). */
  readonly import?: ImportSummary;
}

export function sourceName(ecosystem: string): string {
  return `osv:${ecosystem}`;
}

/** Validators recorded by the last import of each source, when it came from the same URL. */
function knownValidators(path: string): Map<string, Validators> {
  const known = new Map<string, Validators>();
  if (!existsSync(path)) return known;
  for (const source of readDatabaseMeta(path).sources) {
    if (source.url === undefined) continue;
    known.set(source.url, { ...(source.etag === undefined ? {} : { etag: source.etag }), ...(source.lastModified === undefined ? {} : { lastModified: source.lastModified }) });
  }
  return known;
}

async function verified(file: string, url: string): Promise<void> {
  try {
    await verifyZip(file, MAX_ADVISORY_BYTES);
  } catch (error) {
    await rm(file, { force: true });
    const detail = error instanceof Error ? error.message : String(error);
    throw new PalisadeError('ADVISORY_INVALID', `Downloaded ${url}, but ${detail}`, { cause: error, position: { path: file } });
  }
}

/** Downloads, verifies and imports the mirror's zips; NETWORK_FAILED or ADVISORY_INVALID leave the database untouched. */
export async function updateAdvisories(dbPath: string, options: UpdateOptions = {}): Promise<UpdateSummary> {
  const path = resolve(dbPath);
  const mirror = (options.mirror ?? DEFAULT_MIRROR).replace(/\/+$/, '');
  const cacheDir = options.cacheDir ?? `${path}.downloads`;
  const policy: DownloadPolicy = {
    timeoutMs: options.timeoutMs ?? 60_000,
    retries: options.retries ?? 4,
    backoffMs: options.backoffMs ?? 1000,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? ((ms) => delay(ms)),
  };
  const known = knownValidators(path);
  await mkdir(cacheDir, { recursive: true });
  const results: EcosystemUpdate[] = [];
  const inputs: ImportInput[] = [];
  try {
    for (const ecosystem of options.ecosystems ?? DEFAULT_ECOSYSTEMS) {
      const url = `${mirror}/${encodeURIComponent(ecosystem)}/all.zip`;
      options.onDownload?.(ecosystem, url);
      const result = await download(url, join(cacheDir, `${encodeURIComponent(ecosystem)}.zip.part`), known.get(url) ?? {}, policy);
      if (result.kind === 'unchanged') {
        results.push({ ecosystem, url, status: 'unchanged' });
        continue;
      }
      await verified(result.file, url);
      inputs.push({ path: result.file, source: { name: sourceName(ecosystem), url, ...result.validators } });
      results.push({ ecosystem, url, status: 'updated', bytes: result.bytes, resumed: result.resumed });
    }
    if (inputs.length === 0) {
      // Nothing new: still clear what a killed earlier import left beside the database.
      removeStaleTemporaries(path, options.lockTimeoutMs);
      return { path, ecosystems: results };
    }
    const summary = await importAdvisories(path, inputs, { ...(options.now === undefined ? {} : { now: options.now }), ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }) });
    return { path, ecosystems: results, import: summary };
  } finally {
    for (const input of inputs) await rm(input.path, { force: true });
  }
}

