// Importing advisories atomically: a new database is built as a temporary file beside the target
// (a copy of the current one, or fresh), committed, integrity-checked, synced and renamed into place.
// Readers always see the old file or the new one; a failed or killed import leaves the old one.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ScanError } from '../../core/index.ts';
import { PalisadeError } from '../../core/index.ts';
import { readAdvisoryInput } from './inputs.ts';
import { acquireWriterLock } from './lock.ts';
import { MAX_ADVISORY_BYTES, parseOsvRecord } from './record.ts';
import { createSchema, isPalisadeDatabase, openChecked } from './schema.ts';
import type { SourceRow } from './writer.ts';
import { createRecordWriter } from './writer.ts';

export interface ImportInput {
  /** A folder (every *.json below it), one .json file, or an OSV zip. */
  readonly path: string;
  /** How the source is recorded in the `sources` table (default: the input's absolute path). */
  readonly source?: SourceRow;
}

export interface ImportOptions {
  /** Build the database from these inputs alone instead of adding to the current one. */
  readonly replace?: boolean;
  readonly lockTimeoutMs?: number;
  readonly maxAdvisoryBytes?: number;
  readonly now?: () => Date;
  /** Called after each advisory read (progress). */
  readonly onAdvisory?: (count: number) => void;
}

export interface ImportSummary {
  readonly path: string;
  /** New ids. */
  readonly imported: number;
  /** Ids already stored with an older `modified`. */
  readonly replaced: number;
  /** Ids already stored with the same or a newer `modified` (the stored record is kept). */
  readonly unchanged: number;
  /** Files, entries and records that were not imported, each with its reason. */
  readonly skipped: readonly ScanError[];
  /** Ecosystems Palisade cannot order versions for → how many imported records name them (kept, not matched). */
  readonly unknownEcosystems: Readonly<Record<string, number>>;
  /** Records in the database after the import. */
  readonly recordCount: number;
}

interface Counts {
  imported: number;
  replaced: number;
  unchanged: number;
  readonly skipped: ScanError[];
  readonly unknownEcosystems: Record<string, number>;
}

function toScanError(error: PalisadeError, fallbackPath: string): ScanError {
  const { path = fallbackPath, line, column } = error.position ?? {};
  return { path, code: error.code, message: error.message, ...(line === undefined ? {} : { startLine: line }), ...(column === undefined ? {} : { startColumn: column }) };
}

/**
 * Removes what imports that were killed left beside the database (temporary databases), under the
 * writer lock: for a run that finds nothing to import (`db update` with every ecosystem unchanged).
 */
export function removeStaleTemporaries(dbPath: string, lockTimeoutMs?: number): void {
  const target = resolve(dbPath);
  if (!existsSync(dirname(target))) return;
  const release = acquireWriterLock(target, lockTimeoutMs);
  try {
    sweepTemporaries(target);
  } finally {
    release();
  }
}

/** Removes temporary files of earlier imports that crashed (safe: the caller holds the writer lock). */
function sweepTemporaries(target: string): void {
  const prefix = `.${basename(target)}.`;
  for (const name of readdirSync(dirname(target))) {
    if (name.startsWith(prefix) && name.includes('.tmp')) rmSync(join(dirname(target), name), { force: true });
  }
}

function removeTemporary(temporary: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
}

function fsyncPath(path: string): void {
  try {
    const descriptor = openSync(path, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Directories cannot be synced on every platform; the rename is still atomic.
  }
}

/** Starts the temporary database: a consistent copy of the current one, or an empty schema. */
function startTemporary(target: string, temporary: string, replace: boolean): DatabaseSync {
  if (existsSync(target) && replace && !isPalisadeDatabase(target)) {
    throw new PalisadeError('DB_INVALID', `${target} exists and is not a Palisade advisory database; it is left alone. Choose another --db path.`, { position: { path: target } });
  }
  const copy = existsSync(target) && !replace;
  if (copy) {
    const current = openChecked(target, true);
    try {
      current.prepare('VACUUM INTO ?').run(temporary);
    } finally {
      current.close();
    }
  }
  const db = new DatabaseSync(temporary);
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;');
  if (!copy) createSchema(db);
  return db;
}

async function fill(db: DatabaseSync, inputs: readonly ImportInput[], options: ImportOptions, counts: Counts): Promise<void> {
  const writer = createRecordWriter(db);
  const importedAt = (options.now?.() ?? new Date()).toISOString();
  const maxBytes = options.maxAdvisoryBytes ?? MAX_ADVISORY_BYTES;
  let seen = 0;
  for (const input of inputs) {
    let recordCount = 0;
    for await (const item of readAdvisoryInput(input.path, maxBytes)) {
      seen += 1;
      options.onAdvisory?.(seen);
      if (item.kind === 'problem') {
        counts.skipped.push(item.problem);
        continue;
      }
      const parsed = parseOsvRecord(item.text, item.path, { maxBytes });
      if (!parsed.ok) {
        counts.skipped.push(toScanError(parsed.error, item.path));
        continue;
      }
      recordCount += 1;
      counts[writer.upsert(parsed.value)] += 1;
      for (const ecosystem of parsed.value.unknownEcosystems) counts.unknownEcosystems[ecosystem] = (counts.unknownEcosystems[ecosystem] ?? 0) + 1;
    }
    writer.recordSource(input.source ?? { name: input.path }, importedAt, recordCount);
  }
  writer.finish(importedAt);
}

/** Checks the committed temporary file, switches it to WAL and closes it; DB_INVALID if the check fails. */
function seal(db: DatabaseSync, temporary: string): number {
  const count = Number(db.prepare('SELECT count(*) AS n FROM records').get()?.['n'] ?? 0);
  db.exec('PRAGMA journal_mode = WAL');
  const verdict = db.prepare('PRAGMA integrity_check').all().map((row) => String(row['integrity_check']));
  db.close();
  if (verdict.join() !== 'ok') throw new PalisadeError('DB_INVALID', `The new advisory database failed its integrity check: ${verdict.slice(0, 3).join('; ')}`, { position: { path: temporary } });
  fsyncPath(temporary);
  return count;
}

/**
 * Imports OSV advisories from folders, .json files and zips into the database at `dbPath`, atomically.
 * One bad advisory is reported in `skipped` and the rest import; a missing input or a corrupt zip fails
 * the whole import and leaves the current database as it was.
 */
export async function importAdvisories(dbPath: string, inputs: readonly (string | ImportInput)[], options: ImportOptions = {}): Promise<ImportSummary> {
  const target = resolve(dbPath);
  const resolved = inputs.map((input) => (typeof input === 'string' ? { path: resolve(input) } : { ...input, path: resolve(input.path) }));
  await mkdir(dirname(target), { recursive: true });
  const release = acquireWriterLock(target, options.lockTimeoutMs);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let db: DatabaseSync | undefined;
  try {
    sweepTemporaries(target);
    db = startTemporary(target, temporary, options.replace === true);
    const counts: Counts = { imported: 0, replaced: 0, unchanged: 0, skipped: [], unknownEcosystems: {} };
    db.exec('BEGIN IMMEDIATE');
    await fill(db, resolved, options, counts);
    db.exec('COMMIT');
    const recordCount = seal(db, temporary);
    await rename(temporary, target);
    fsyncPath(dirname(target));
    return { path: target, ...counts, recordCount };
  } catch (error) {
    if (db?.isOpen === true) db.close();
    removeTemporary(temporary);
    throw error;
  } finally {
    release();
  }
}
