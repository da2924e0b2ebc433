import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PalisadeError } from './errors.ts';

export interface CacheDatabaseSpec {
  /** `CREATE TABLE IF NOT EXISTS …` statements, including `meta (key TEXT PRIMARY KEY, value TEXT)`. */
  readonly tables: string;
  readonly schemaVersion: string;
  /** Tables emptied when the file holds another schema version (a cache is rebuilt, never migrated). */
  readonly cachedTables: readonly string[];
  /** Names the cache in errors ("the image layer cache"). */
  readonly name: string;
  /** What the user can do when the file is unusable, a sentence. */
  readonly remedy: string;
}

/**
 * Opens (creating) a SQLite cache file: WAL journal, a busy timeout for concurrent runs, the tables
 * created and the schema version checked in one IMMEDIATE transaction. A file that is not a usable
 * cache is DB_INVALID naming it.
 */
export function openCacheDatabase(path: string, spec: CacheDatabaseSpec): DatabaseSync {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const database = new DatabaseSync(path);
    database.exec('PRAGMA busy_timeout = 5000');
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = NORMAL');
    database.exec('BEGIN IMMEDIATE');
    try {
      database.exec(spec.tables);
      const row = database.prepare("SELECT value FROM meta WHERE key = 'schema'").get();
      if (row?.['value'] !== spec.schemaVersion) {
        database.exec(`${spec.cachedTables.map((table) => `DELETE FROM ${table};`).join(' ')} DELETE FROM meta WHERE key = 'schema'`);
        database.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(spec.schemaVersion);
      }
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw error;
    }
    return database;
  } catch (error) {
    throw new PalisadeError('DB_INVALID', `Cannot use ${spec.name} "${path}": ${error instanceof Error ? error.message : String(error)}. ${spec.remedy}`, { cause: error, position: { path } });
  }
}
