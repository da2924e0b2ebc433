// Reading the advisory database: the AdvisorySource over SQLite, its metadata, and the age check.
import { existsSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inflateRawSync } from 'node:zlib';
import { PalisadeError } from '../../core/index.ts';
import type { AdvisorySource, OsvRecord } from '../osv.ts';
import { baseEcosystem, normalizePackageName } from './names.ts';
import { isOsvRecord } from './record-shape.ts';
import { SCHEMA_VERSION, openChecked } from './schema.ts';

/** One imported source: a mirror zip (`osv:PyPI`) or a path given to `palisade db import`. */
export interface SourceInfo {
  readonly name: string;
  readonly url?: string;
  /** ISO timestamp of the import that last read this source. */
  readonly importedAt: string;
  readonly recordCount: number;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface AdvisoryDatabaseMeta {
  readonly path: string;
  readonly schemaVersion: number;
  /** ISO timestamp of the last successful import or update; the database's age counts from it. */
  readonly builtAt?: string;
  /** The newest `modified` of any record (UTC, nine fraction digits). */
  readonly newestModified?: string;
  readonly recordCount: number;
  readonly sources: readonly SourceInfo[];
}

export interface EcosystemCount {
  readonly ecosystem: string;
  readonly records: number;
}

export interface AdvisoryDatabase extends AdvisorySource {
  readonly meta: AdvisoryDatabaseMeta;
  /** Records per bare ecosystem (a record affecting two ecosystems counts in both). */
  ecosystemCounts(): readonly EcosystemCount[];
  /** One record by id (withdrawn included), or undefined. */
  get(id: string): OsvRecord | undefined;
  close(): void;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function decode(path: string, body: unknown): OsvRecord {
  if (!(body instanceof Uint8Array)) throw new PalisadeError('DB_INVALID', `${path}: a stored record has no body.`);
  const value: unknown = JSON.parse(inflateRawSync(body).toString('utf8'));
  if (!isOsvRecord(value)) throw new PalisadeError('DB_INVALID', `${path}: a stored record is not an OSV record; rebuild the database.`);
  return value;
}

function readSources(db: DatabaseSync): SourceInfo[] {
  return db.prepare('SELECT name, url, imported_at, record_count, etag, last_modified FROM sources ORDER BY name').all().map((row) => {
    const url = text(row['url']);
    const etag = text(row['etag']);
    const lastModified = text(row['last_modified']);
    return {
      name: String(row['name']),
      importedAt: String(row['imported_at']),
      recordCount: Number(row['record_count']),
      ...(url === undefined ? {} : { url }),
      ...(etag === undefined ? {} : { etag }),
      ...(lastModified === undefined ? {} : { lastModified }),
    };
  });
}

function readMeta(db: DatabaseSync, path: string): AdvisoryDatabaseMeta {
  const values = new Map(db.prepare('SELECT key, value FROM meta').all().map((row) => [String(row['key']), String(row['value'])]));
  const count = db.prepare('SELECT count(*) AS n FROM records').get();
  const builtAt = values.get('built_at');
  const newestModified = values.get('newest_modified');
  return {
    path,
    schemaVersion: SCHEMA_VERSION,
    ...(builtAt === undefined ? {} : { builtAt }),
    ...(newestModified === undefined ? {} : { newestModified }),
    recordCount: Number(count?.['n'] ?? 0),
    sources: readSources(db),
  };
}

function missing(path: string): PalisadeError {
  return new PalisadeError('DB_UNAVAILABLE', `No advisory database at ${path}.`, { position: { path } });
}

/** Opens the database read-only. DB_UNAVAILABLE when there is none, DB_INVALID for a foreign or newer file. */
export function openAdvisoryDatabase(path: string): AdvisoryDatabase {
  if (!existsSync(path)) throw missing(path);
  const db = openChecked(path, true);
  const meta = readMeta(db, path);
  let lookup: StatementSync | undefined;
  return {
    meta,
    advisoriesFor(ecosystem, name) {
      const base = baseEcosystem(ecosystem);
      lookup ??= db.prepare('SELECT r.body FROM affected a JOIN records r ON r.rid = a.rid WHERE a.ecosystem = ? AND a.name = ? ORDER BY r.id');
      return lookup.all(base, normalizePackageName(base, name)).map((row) => decode(path, row['body']));
    },
    ecosystemCounts() {
      const rows = db.prepare('SELECT ecosystem, count(DISTINCT rid) AS n FROM affected GROUP BY ecosystem ORDER BY ecosystem').all();
      return rows.map((row) => ({ ecosystem: String(row['ecosystem']), records: Number(row['n']) }));
    },
    get(id) {
      const row = db.prepare('SELECT body FROM records WHERE id = ?').get(id);
      return row === undefined ? undefined : decode(path, row['body']);
    },
    close() {
      db.close();
    },
  };
}

/** The metadata alone (opens and closes the file). */
export function readDatabaseMeta(path: string): AdvisoryDatabaseMeta {
  const database = openAdvisoryDatabase(path);
  try {
    return database.meta;
  } finally {
    database.close();
  }
}

/** Milliseconds since the last import or update (of a database's metadata or path); undefined when none was recorded. */
export function databaseAge(database: AdvisoryDatabaseMeta | string, now: number = Date.now()): number | undefined {
  const meta = typeof database === 'string' ? readDatabaseMeta(database) : database;
  if (meta.builtAt === undefined) return undefined;
  const built = Date.parse(meta.builtAt);
  return Number.isNaN(built) ? undefined : Math.max(0, now - built);
}

/** A database older than this draws a notice even without --db-max-age. */
export const DEFAULT_WARN_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface AgeCheckOptions {
  readonly warnAfterMs?: number;
  readonly now?: number;
}

/** `3 days`, `5 hours`, `12 minutes`. */
export function formatAge(ms: number): string {
  const units: readonly [string, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [unit, size] of units) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/**
 * For the scan: throws DB_UNAVAILABLE when the database is older than `maxAgeMs` (--db-max-age),
 * returns a notice when it is older than the warning age, and undefined when it is fresh.
 */
export function checkDatabaseAge(meta: AdvisoryDatabaseMeta, maxAgeMs: number | undefined, options: AgeCheckOptions = {}): string | undefined {
  const age = databaseAge(meta, options.now);
  const label = age === undefined ? 'of unknown age' : `${formatAge(age)} old`;
  if (maxAgeMs !== undefined && (age === undefined || age > maxAgeMs)) {
    throw new PalisadeError('DB_UNAVAILABLE', `The advisory database ${meta.path} is ${label}, older than --db-max-age ${formatAge(maxAgeMs)}. Run \`palisade db update\` (or import a newer mirror).`, { position: { path: meta.path } });
  }
  const warnAfter = options.warnAfterMs ?? DEFAULT_WARN_AGE_MS;
  if (age === undefined || age > warnAfter) return `The advisory database ${meta.path} is ${label}; run \`palisade db update\` for current advisories.`;
  return undefined;
}
