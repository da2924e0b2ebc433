import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import { DatabaseSync } from 'node:sqlite';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PalisadeError } from '../core/index.ts';

/** One vulnerability of one package of one stored image: what an alert is about. */
export interface AlertKey {
  readonly digest: string;
  readonly vulnerability: string;
  /** The package's purl (or `ecosystem/name@version` when it has none). */
  readonly package: string;
}

export interface StoredAlert extends AlertKey {
  readonly severity: string;
  readonly firstSeen: string;
}

/** An image the watcher knows: where it was seen (`repo:tag`) and the digest it resolved to. */
export interface ImageReference {
  readonly reference: string;
  readonly digest: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS images (digest TEXT PRIMARY KEY, sbom BLOB NOT NULL, stored_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refs (reference TEXT PRIMARY KEY, digest TEXT NOT NULL, seen_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
  digest TEXT NOT NULL, vulnerability TEXT NOT NULL, package TEXT NOT NULL,
  severity TEXT NOT NULL, first_seen TEXT NOT NULL,
  PRIMARY KEY (digest, vulnerability, package)
);
`;
const STORE_VERSION = '1';

/**
 * The watcher's state in one SQLite file: each image digest's SBOM (stored once, gzip), the
 * references seen pointing at it, and every alert already raised, so a re-match reports only what is
 * new. Writers take the lock with BEGIN IMMEDIATE; WAL lets readers (the /report endpoint) go on.
 */
export class WatchStore {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;');
    this.#db.exec(SCHEMA);
    const version = this.meta('store-version');
    if (version === undefined) this.setMeta('store-version', STORE_VERSION);
    else if (version !== STORE_VERSION) throw new PalisadeError('DB_INVALID', `${path} is a watch store of version ${version}; this Palisade reads version ${STORE_VERSION}`);
  }

  meta(key: string): string | undefined {
    const row = this.#prepare('SELECT value FROM meta WHERE key = ?').get(key);
    const value = row?.['value'];
    return typeof value === 'string' ? value : undefined;
  }

  setMeta(key: string, value: string): void {
    this.#prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  hasImage(digest: string): boolean {
    return this.#prepare('SELECT 1 FROM images WHERE digest = ?').get(digest) !== undefined;
  }

  /** Stores an image's SBOM once; a digest already stored is left as it is (digests are immutable). */
  putImage(digest: string, sbom: string, now: Date): void {
    this.#prepare('INSERT OR IGNORE INTO images (digest, sbom, stored_at) VALUES (?, ?, ?)').run(digest, gzipSync(sbom), now.toISOString());
  }

  digests(): string[] {
    return this.#db
      .prepare('SELECT digest FROM images ORDER BY digest')
      .all()
      .map((row) => String(row['digest']));
  }

  sbom(digest: string): string | undefined {
    const value = this.#prepare('SELECT sbom FROM images WHERE digest = ?').get(digest)?.['sbom'];
    return value instanceof Uint8Array ? gunzipSync(value).toString('utf8') : undefined;
  }

  /** Records that `reference` (repo:tag) now resolves to `digest`. */
  putReference(reference: ImageReference, now: Date): void {
    this.#prepare('INSERT INTO refs (reference, digest, seen_at) VALUES (?, ?, ?) ON CONFLICT (reference) DO UPDATE SET digest = excluded.digest, seen_at = excluded.seen_at').run(reference.reference, reference.digest, now.toISOString());
  }

  referencesOf(digest: string): string[] {
    return this.#db
      .prepare('SELECT reference FROM refs WHERE digest = ? ORDER BY reference')
      .all(digest)
      .map((row) => String(row['reference']));
  }

  /**
   * Inserts the alerts not raised before, in one transaction, and returns exactly those. Two watchers
   * racing on the same store cannot both report one alert: the primary key decides.
   */
  addAlerts(candidates: readonly Omit<StoredAlert, 'firstSeen'>[], now: Date): StoredAlert[] {
    const insert = this.#prepare('INSERT OR IGNORE INTO alerts (digest, vulnerability, package, severity, first_seen) VALUES (?, ?, ?, ?, ?)');
    const added: StoredAlert[] = [];
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const alert of candidates) {
        const { changes } = insert.run(alert.digest, alert.vulnerability, alert.package, alert.severity, now.toISOString());
        if (Number(changes) > 0) added.push({ ...alert, firstSeen: now.toISOString() });
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    return added;
  }

  alerts(): StoredAlert[] {
    return this.#db
      .prepare('SELECT digest, vulnerability, package, severity, first_seen FROM alerts ORDER BY digest, vulnerability, package')
      .all()
      .map((row) => ({ digest: String(row['digest']), vulnerability: String(row['vulnerability']), package: String(row['package']), severity: String(row['severity']), firstSeen: String(row['first_seen']) }));
  }

  /** One prepared statement per SQL text, reused (re-matching asks thousands of small questions). */
  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#db.close();
  }
}
