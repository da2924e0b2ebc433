import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatementSync } from 'node:sqlite';
import { DatabaseSync } from 'node:sqlite';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PalisadeError } from '../core/index.ts';
import type { AlertKey, ImageReference, NewAlert, PendingAlert, StoredAlert, WatchStore } from './store.ts';
import { parseDetails } from './store.ts';

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
/** Version 2 added the outbox: alert details, delivery state and per-sink deliveries. */
const OUTBOX = `
ALTER TABLE alerts ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE alerts ADD COLUMN delivered_at TEXT;
ALTER TABLE alerts ADD COLUMN claimed_by TEXT;
ALTER TABLE alerts ADD COLUMN claimed_until TEXT;
CREATE INDEX alerts_pending ON alerts (delivered_at) WHERE delivered_at IS NULL;
CREATE TABLE deliveries (
  digest TEXT NOT NULL, vulnerability TEXT NOT NULL, package TEXT NOT NULL, sink TEXT NOT NULL, delivered_at TEXT NOT NULL,
  PRIMARY KEY (digest, vulnerability, package, sink)
);
`;
const STORE_VERSION = '2';
const COLUMNS = 'digest, vulnerability, package, severity, details, first_seen';

/**
 * The watch store in one SQLite file (the default): SBOMs gzip. Writers take the lock with BEGIN
 * IMMEDIATE; WAL lets readers (the /report endpoint, workers on the same machine) go on.
 */
export class SqliteWatchStore implements WatchStore {
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    this.location = `sqlite:${path}`;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;');
    this.#transaction(() => this.#migrate(path));
  }

  #migrate(path: string): void {
    this.#db.exec(SCHEMA);
    const version = this.#meta('store-version');
    if (version === STORE_VERSION) return;
    if (version !== undefined && version !== '1') throw new PalisadeError('DB_INVALID', `${path} is a watch store of version ${version}; this Palisade reads version ${STORE_VERSION}`);
    this.#db.exec(OUTBOX);
    // Version 1 sent every alert as it recorded it: they count as delivered.
    this.#db.exec('UPDATE alerts SET delivered_at = first_seen');
    this.#setMeta('store-version', STORE_VERSION);
  }

  meta(key: string): Promise<string | undefined> {
    return Promise.resolve(this.#meta(key));
  }

  setMeta(key: string, value: string): Promise<void> {
    this.#setMeta(key, value);
    return Promise.resolve();
  }

  hasImage(digest: string): Promise<boolean> {
    return Promise.resolve(this.#prepare('SELECT 1 FROM images WHERE digest = ?').get(digest) !== undefined);
  }

  putImage(digest: string, sbom: string, now: Date): Promise<void> {
    this.#prepare('INSERT OR IGNORE INTO images (digest, sbom, stored_at) VALUES (?, ?, ?)').run(digest, gzipSync(sbom), now.toISOString());
    return Promise.resolve();
  }

  digests(): Promise<string[]> {
    return Promise.resolve(
      this.#prepare('SELECT digest FROM images ORDER BY digest')
        .all()
        .map((row) => String(row['digest'])),
    );
  }

  sboms(digests: readonly string[]): Promise<Map<string, string>> {
    const select = this.#prepare('SELECT sbom FROM images WHERE digest = ?');
    const found = new Map<string, string>();
    for (const digest of digests) {
      const value = select.get(digest)?.['sbom'];
      if (value instanceof Uint8Array) found.set(digest, gunzipSync(value).toString('utf8'));
    }
    return Promise.resolve(found);
  }

  putReference(reference: ImageReference, now: Date): Promise<void> {
    this.#prepare('INSERT INTO refs (reference, digest, seen_at) VALUES (?, ?, ?) ON CONFLICT (reference) DO UPDATE SET digest = excluded.digest, seen_at = excluded.seen_at').run(reference.reference, reference.digest, now.toISOString());
    return Promise.resolve();
  }

  referencesOf(digest: string): Promise<string[]> {
    return Promise.resolve(
      this.#prepare('SELECT reference FROM refs WHERE digest = ? ORDER BY reference')
        .all(digest)
        .map((row) => String(row['reference'])),
    );
  }

  addAlerts(candidates: readonly NewAlert[], now: Date): Promise<StoredAlert[]> {
    const insert = this.#prepare('INSERT INTO alerts (digest, vulnerability, package, severity, details, first_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const firstSeen = now.toISOString();
    const added: StoredAlert[] = [];
    this.#transaction(() => {
      for (const alert of candidates) {
        const { changes } = insert.run(alert.digest, alert.vulnerability, alert.package, alert.severity, JSON.stringify(alert.details), firstSeen);
        if (Number(changes) > 0) added.push({ ...alert, firstSeen });
      }
    });
    return Promise.resolve(added);
  }

  alerts(): Promise<StoredAlert[]> {
    return Promise.resolve(
      this.#prepare(`SELECT ${COLUMNS} FROM alerts ORDER BY digest, vulnerability, package`)
        .all()
        .map((row) => storedAlert(row)),
    );
  }

  claimPending(owner: string, now: Date, leaseMs: number): Promise<PendingAlert[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const rows = this.#transaction(() => {
      this.#prepare('UPDATE alerts SET claimed_by = ?, claimed_until = ? WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)').run(owner, until, at, owner);
      return this.#prepare(`SELECT ${COLUMNS} FROM alerts WHERE delivered_at IS NULL AND claimed_by = ? ORDER BY digest, vulnerability, package`).all(owner);
    });
    const sinks = this.#prepare('SELECT sink FROM deliveries WHERE digest = ? AND vulnerability = ? AND package = ? ORDER BY sink');
    return Promise.resolve(
      rows.map((row) => {
        const alert = storedAlert(row);
        return { ...alert, deliveredTo: sinks.all(alert.digest, alert.vulnerability, alert.package).map((sink) => String(sink['sink'])) };
      }),
    );
  }

  recordDelivery(keys: readonly AlertKey[], sink: string, now: Date): Promise<void> {
    const insert = this.#prepare('INSERT INTO deliveries (digest, vulnerability, package, sink, delivered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#transaction(() => {
      for (const key of keys) insert.run(key.digest, key.vulnerability, key.package, sink, now.toISOString());
    });
    return Promise.resolve();
  }

  finishDelivery(owner: string, delivered: readonly AlertKey[], now: Date): Promise<void> {
    const done = this.#prepare('UPDATE alerts SET delivered_at = ?, claimed_by = NULL, claimed_until = NULL WHERE digest = ? AND vulnerability = ? AND package = ?');
    this.#transaction(() => {
      for (const key of delivered) done.run(now.toISOString(), key.digest, key.vulnerability, key.package);
      this.#prepare('UPDATE alerts SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?').run(owner);
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }

  #meta(key: string): string | undefined {
    const value = this.#prepare('SELECT value FROM meta WHERE key = ?').get(key)?.['value'];
    return typeof value === 'string' ? value : undefined;
  }

  #setMeta(key: string, value: string): void {
    this.#prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
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
}

function storedAlert(row: Record<string, unknown>): StoredAlert {
  return {
    digest: String(row['digest']),
    vulnerability: String(row['vulnerability']),
    package: String(row['package']),
    severity: String(row['severity']),
    details: parseDetails(String(row['details'])),
    firstSeen: String(row['first_seen']),
  };
}
