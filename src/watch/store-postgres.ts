import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PalisadeError } from '../core/index.ts';
import type { ConnectionHealth } from './health.ts';
import type { RetryOptions } from './retry.ts';
import { isTransientError, withRetry } from './retry.ts';
import type { AlertKey, ImageReference, NewAlert, PendingAlert, StoredAlert, WatchStore } from './store.ts';
import { parseDetails } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS palisade_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS palisade_images (digest text PRIMARY KEY, sbom bytea NOT NULL, stored_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS palisade_refs (reference text PRIMARY KEY, digest text NOT NULL, seen_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS palisade_alerts (
  digest text NOT NULL, vulnerability text NOT NULL, package text NOT NULL,
  severity text NOT NULL, details jsonb NOT NULL, first_seen timestamptz NOT NULL,
  delivered_at timestamptz, claimed_by text, claimed_until timestamptz,
  PRIMARY KEY (digest, vulnerability, package)
);
CREATE INDEX IF NOT EXISTS palisade_alerts_pending ON palisade_alerts (first_seen) WHERE delivered_at IS NULL;
CREATE TABLE IF NOT EXISTS palisade_deliveries (
  digest text NOT NULL, vulnerability text NOT NULL, package text NOT NULL, sink text NOT NULL, delivered_at timestamptz NOT NULL,
  PRIMARY KEY (digest, vulnerability, package, sink)
);
`;
const STORE_VERSION = '2';
const COLUMNS = 'digest, vulnerability, package, severity, details::text AS details, first_seen';
const ORDER = 'ORDER BY digest COLLATE "C", vulnerability COLLATE "C", package COLLATE "C"';

/**
 * The watch store in PostgreSQL, shared by several watchers and workers. Every decision is one
 * statement or one transaction of the database's: `INSERT … ON CONFLICT DO NOTHING RETURNING` records
 * an alert once whoever retries, `UPDATE … RETURNING` claims the outbox, and an advisory lock
 * serialises the schema creation of processes starting together.
 */
export class PostgresWatchStore implements WatchStore {
  readonly location: string;
  readonly #pool: Pool;
  readonly #options: StoreConnectionOptions;

  private constructor(pool: Pool, location: string, options: StoreConnectionOptions) {
    this.#pool = pool;
    this.location = location;
    this.#options = options;
  }

  /**
   * Connects (`postgres://user@host:port/db`; the password from the URL or PGPASSWORD) and creates the
   * tables. Opening fails at once when the server cannot be reached; later, every operation is tried
   * again with backoff while the server is away (a restart, a fail-over), see `withRetry`.
   */
  static async open(url: string, options: StoreConnectionOptions = {}): Promise<PostgresWatchStore> {
    const { Pool: PoolClass } = await import('pg');
    const pool = new PoolClass({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
    // An idle connection the server dropped (it would crash the process unhandled): the pool opens
    // another on the next query.
    pool.on('error', (error) => options.health?.failed('store', error));
    const location = redact(url);
    const store = new PostgresWatchStore(pool, location, options);
    try {
      await store.#transaction(false, async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtext('palisade-watch-schema'))");
        await client.query(SCHEMA);
        const version = (await client.query<{ value: string }>("SELECT value FROM palisade_meta WHERE key = 'store-version'")).rows[0]?.value;
        if (version === undefined) await client.query("INSERT INTO palisade_meta (key, value) VALUES ('store-version', $1)", [STORE_VERSION]);
        else if (version !== STORE_VERSION) throw new PalisadeError('DB_INVALID', `${location} holds a watch store of version ${version}; this Palisade reads version ${STORE_VERSION}`);
      });
    } catch (error) {
      await pool.end();
      if (error instanceof PalisadeError) throw error;
      throw new PalisadeError('DB_UNAVAILABLE', `Cannot open the watch store ${location}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return store;
  }

  async meta(key: string): Promise<string | undefined> {
    return (await this.#query<{ value: string }>('SELECT value FROM palisade_meta WHERE key = $1', [key])).rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#query('INSERT INTO palisade_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async hasImage(digest: string): Promise<boolean> {
    return (await this.#query('SELECT 1 FROM palisade_images WHERE digest = $1', [digest])).rowCount === 1;
  }

  async putImage(digest: string, sbom: string, now: Date): Promise<void> {
    await this.#query('INSERT INTO palisade_images (digest, sbom, stored_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [digest, gzipSync(sbom), now]);
  }

  async digests(): Promise<string[]> {
    return (await this.#query<{ digest: string }>('SELECT digest FROM palisade_images ORDER BY digest COLLATE "C"')).rows.map((row) => row.digest);
  }

  async sboms(digests: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.#query<{ digest: string; sbom: Buffer }>('SELECT digest, sbom FROM palisade_images WHERE digest = ANY($1::text[])', [digests]);
    const byDigest = new Map(rows.map((row) => [row.digest, row.sbom]));
    const found = new Map<string, string>();
    for (const digest of digests) {
      const sbom = byDigest.get(digest);
      if (sbom !== undefined) found.set(digest, gunzipSync(sbom).toString('utf8'));
    }
    return found;
  }

  async putReference(reference: ImageReference, now: Date): Promise<void> {
    await this.#query('INSERT INTO palisade_refs (reference, digest, seen_at) VALUES ($1, $2, $3) ON CONFLICT (reference) DO UPDATE SET digest = excluded.digest, seen_at = excluded.seen_at', [reference.reference, reference.digest, now]);
  }

  async referencesOf(digest: string): Promise<string[]> {
    return (await this.#query<{ reference: string }>('SELECT reference FROM palisade_refs WHERE digest = $1 ORDER BY reference COLLATE "C"', [digest])).rows.map((row) => row.reference);
  }

  async addAlerts(candidates: readonly NewAlert[], now: Date): Promise<StoredAlert[]> {
    if (candidates.length === 0) return [];
    // One statement: atomic, and the primary key decides between racing or retried writers. Rows go
    // in key order, so two writers with overlapping batches wait on each other, never deadlock.
    const { rows } = await this.#query<{ digest: string; vulnerability: string; package: string }>(
      `INSERT INTO palisade_alerts (digest, vulnerability, package, severity, details, first_seen)
       SELECT d, v, p, s, x::jsonb, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t (d, v, p, s, x)
       ORDER BY d COLLATE "C", v COLLATE "C", p COLLATE "C"
       ON CONFLICT DO NOTHING RETURNING digest, vulnerability, package`,
      [candidates.map((a) => a.digest), candidates.map((a) => a.vulnerability), candidates.map((a) => a.package), candidates.map((a) => a.severity), candidates.map((a) => JSON.stringify(a.details)), now],
    );
    const inserted = new Set(rows.map((row) => `${row.digest}\u0000${row.vulnerability}\u0000${row.package}`));
    const firstSeen = now.toISOString();
    return candidates.filter((alert) => inserted.delete(`${alert.digest}\u0000${alert.vulnerability}\u0000${alert.package}`)).map((alert) => ({ ...alert, firstSeen }));
  }

  async alerts(): Promise<StoredAlert[]> {
    return (await this.#query<AlertRow>(`SELECT ${COLUMNS} FROM palisade_alerts ${ORDER}`)).rows.map(storedAlert);
  }

  async claimPending(owner: string, now: Date, leaseMs: number): Promise<PendingAlert[]> {
    const { rows } = await this.#query<AlertRow & { sinks: string[] }>(
      `WITH claimed AS (
         UPDATE palisade_alerts SET claimed_by = $1, claimed_until = $2
         WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3 OR claimed_by = $1)
         RETURNING digest, vulnerability, package, severity, details, first_seen)
       SELECT c.digest, c.vulnerability, c.package, c.severity, c.details::text AS details, c.first_seen,
              coalesce(array_agg(d.sink ORDER BY d.sink) FILTER (WHERE d.sink IS NOT NULL), '{}') AS sinks
       FROM claimed c LEFT JOIN palisade_deliveries d USING (digest, vulnerability, package)
       GROUP BY c.digest, c.vulnerability, c.package, c.severity, c.details::text, c.first_seen
       ORDER BY c.digest COLLATE "C", c.vulnerability COLLATE "C", c.package COLLATE "C"`,
      [owner, new Date(now.getTime() + leaseMs), now],
    );
    return rows.map((row) => ({ ...storedAlert(row), deliveredTo: row.sinks }));
  }

  async recordDelivery(keys: readonly AlertKey[], sink: string, now: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.#query(
      `INSERT INTO palisade_deliveries (digest, vulnerability, package, sink, delivered_at)
       SELECT d, v, p, $4, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (d, v, p) ON CONFLICT DO NOTHING`,
      [keys.map((k) => k.digest), keys.map((k) => k.vulnerability), keys.map((k) => k.package), sink, now],
    );
  }

  async finishDelivery(owner: string, delivered: readonly AlertKey[], now: Date): Promise<void> {
    await this.#transaction(true, async (client) => {
      await client.query(
        `UPDATE palisade_alerts a SET delivered_at = $4, claimed_by = NULL, claimed_until = NULL
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t (d, v, p) WHERE a.digest = t.d AND a.vulnerability = t.v AND a.package = t.p`,
        [delivered.map((k) => k.digest), delivered.map((k) => k.vulnerability), delivered.map((k) => k.package), now],
      );
      await client.query('UPDATE palisade_alerts SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1', [owner]);
    });
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    return withRetry(this.location, () => this.#pool.query<R>(text, values), this.#options.health, this.#options.retry);
  }

  async #transaction(retry: boolean, work: (client: PoolClient) => Promise<void>): Promise<void> {
    const once = (): Promise<void> => this.#transactionOnce(work);
    await (retry ? withRetry(this.location, once, this.#options.health, this.#options.retry) : once());
  }

  async #transactionOnce(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    // A checked-out client has no pool listener: the server going away between two statements
    // would be an unhandled 'error' event (a crash) without this one.
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
      this.#options.health?.failed('store', error);
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      if (broken === undefined && !isTransientError(error)) await client.query('ROLLBACK').catch(() => undefined);
      else broken ??= error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.off('error', onError);
      // A broken connection is closed rather than given back to the pool.
      client.release(broken);
    }
  }
}

export interface StoreConnectionOptions {
  /** Where connection errors, retries and recoveries are counted and logged. */
  readonly health?: ConnectionHealth;
  readonly retry?: RetryOptions;
}

interface AlertRow {
  readonly digest: string;
  readonly vulnerability: string;
  readonly package: string;
  readonly severity: string;
  readonly details: string;
  readonly first_seen: Date;
}

function storedAlert(row: AlertRow): StoredAlert {
  return { digest: row.digest, vulnerability: row.vulnerability, package: row.package, severity: row.severity, details: parseDetails(row.details), firstSeen: row.first_seen.toISOString() };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  if (!URL.canParse(url)) return 'postgres://(invalid URL)';
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
