// Writing records into a database being built (never the live file; see import.ts).
import type { DatabaseSync } from 'node:sqlite';
import { deflateRawSync } from 'node:zlib';
import type { ParsedAdvisory } from './record.ts';
import { baseEcosystem, normalizePackageName } from './names.ts';

export type UpsertOutcome = 'imported' | 'replaced' | 'unchanged';

export interface SourceRow {
  readonly name: string;
  readonly url?: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface RecordWriter {
  /** Adds the record, or replaces a stored one with an older `modified`; keeps the stored one otherwise. */
  upsert(advisory: ParsedAdvisory): UpsertOutcome;
  recordSource(source: SourceRow, importedAt: string, recordCount: number): void;
  finish(builtAt: string): void;
}

/** The distinct (bare ecosystem, normalised name) pairs a record is indexed under. */
function keysOf(advisory: ParsedAdvisory): [string, string][] {
  const keys = new Map<string, [string, string]>();
  for (const affected of advisory.record.affected ?? []) {
    if (affected.package === undefined) continue;
    const ecosystem = baseEcosystem(affected.package.ecosystem);
    const name = normalizePackageName(ecosystem, affected.package.name);
    keys.set(`${ecosystem}\u0000${name}`, [ecosystem, name]);
  }
  return [...keys.values()];
}

export function createRecordWriter(db: DatabaseSync): RecordWriter {
  const find = db.prepare('SELECT rid, modified FROM records WHERE id = ?');
  const insert = db.prepare('INSERT INTO records (id, modified, withdrawn, body) VALUES (?, ?, ?, ?)');
  const update = db.prepare('UPDATE records SET modified = ?, withdrawn = ?, body = ? WHERE rid = ?');
  const unindex = db.prepare('DELETE FROM affected WHERE rid = ?');
  const index = db.prepare('INSERT OR IGNORE INTO affected (ecosystem, name, rid) VALUES (?, ?, ?)');
  const source = db.prepare('INSERT OR REPLACE INTO sources (name, url, imported_at, record_count, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?)');
  const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  return {
    upsert(advisory) {
      const { record, modified } = advisory;
      const stored = find.get(record.id);
      if (stored !== undefined && String(stored['modified']) >= modified) return 'unchanged';
      const body = deflateRawSync(advisory.json);
      const withdrawn = record.withdrawn ?? null;
      let rid: number;
      if (stored === undefined) {
        rid = Number(insert.run(record.id, modified, withdrawn, body).lastInsertRowid);
      } else {
        rid = Number(stored['rid']);
        update.run(modified, withdrawn, body, rid);
        unindex.run(rid);
      }
      for (const [ecosystem, name] of keysOf(advisory)) index.run(ecosystem, name, rid);
      return stored === undefined ? 'imported' : 'replaced';
    },
    recordSource(row, importedAt, recordCount) {
      source.run(row.name, row.url ?? null, importedAt, recordCount, row.etag ?? null, row.lastModified ?? null);
    },
    finish(builtAt) {
      meta.run('built_at', builtAt);
      const newest = db.prepare('SELECT max(modified) AS newest FROM records').get();
      if (typeof newest?.['newest'] === 'string') meta.run('newest_modified', newest['newest']);
    },
  };
}
