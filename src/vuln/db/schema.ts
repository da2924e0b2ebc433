// The on-disk layout of the advisory database and the checks that refuse foreign or newer files.
import { DatabaseSync } from 'node:sqlite';
import { PalisadeError } from '../../core/index.ts';

export const SCHEMA_NAME = 'palisade-advisories';
/** Bumped whenever the tables change meaning; a newer file is refused, never guessed at. */
export const SCHEMA_VERSION = 1;
/** How long a reader waits for a lock before giving up (readers rarely wait: writers never touch the live file). */
export const BUSY_TIMEOUT_MS = 5000;

const SCHEMA_SQL = `
CREATE TABLE palisade_schema (name TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  body BLOB NOT NULL
);
CREATE TABLE affected (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  rid INTEGER NOT NULL REFERENCES records (rid),
  PRIMARY KEY (ecosystem, name, rid)
) WITHOUT ROWID;
CREATE INDEX affected_rid ON affected (rid);
CREATE TABLE sources (
  name TEXT PRIMARY KEY,
  url TEXT,
  imported_at TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT
) WITHOUT ROWID;
`;

export function createSchema(db: DatabaseSync): void {
  db.exec(SCHEMA_SQL);
  db.prepare('INSERT INTO palisade_schema (name, version) VALUES (?, ?)').run(SCHEMA_NAME, SCHEMA_VERSION);
}

function sqliteMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens an existing database file and checks it is ours and not newer; DB_INVALID otherwise. */
export function openChecked(path: string, readOnly: boolean): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly });
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = schemaVersionOf(db);
    if (version === undefined) throw new PalisadeError('DB_INVALID', `${path} is an SQLite file but not a Palisade advisory database; choose another --db path.`, { position: { path } });
    if (version > SCHEMA_VERSION) {
      throw new PalisadeError('DB_INVALID', `${path} was written by a newer Palisade (schema ${version}; this version reads ${SCHEMA_VERSION}). Upgrade Palisade, or rebuild it with \`palisade db import --replace\`.`, { position: { path } });
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('DB_INVALID', `${path} is not a Palisade advisory database (${sqliteMessage(error)}).`, { cause: error, position: { path } });
  }
}

/** The schema version of a Palisade database, or undefined for any other SQLite file. */
function schemaVersionOf(db: DatabaseSync): number | undefined {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'palisade_schema'").get();
  const row = table === undefined ? undefined : db.prepare('SELECT name, version FROM palisade_schema').get();
  if (row === undefined || row['name'] !== SCHEMA_NAME || typeof row['version'] !== 'number') return undefined;
  return row['version'];
}

/** Whether `path` may be replaced by a fresh build: only a Palisade database (of any version). */
export function isPalisadeDatabase(path: string): boolean {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    return schemaVersionOf(db) !== undefined;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
