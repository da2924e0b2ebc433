import { createHash } from 'node:crypto';

/** One vulnerability of one package of one stored image: what an alert is about. */
export interface AlertKey {
  readonly digest: string;
  readonly vulnerability: string;
  /** The package's purl (or `ecosystem/name@version` when it has none). */
  readonly package: string;
}

/** What the matcher knows about an alert when it records it (the rest is added at delivery). */
export interface AlertDetails {
  readonly title: string;
  readonly message: string;
  readonly fixedVersions: readonly string[];
}

export interface NewAlert extends AlertKey {
  readonly severity: string;
  readonly details: AlertDetails;
}

export interface StoredAlert extends NewAlert {
  readonly firstSeen: string;
}

/** An alert not yet delivered to every sink, claimed by one deliverer. */
export interface PendingAlert extends StoredAlert {
  /** Ids of the sinks that already accepted it. */
  readonly deliveredTo: readonly string[];
}

/** An image the watcher knows: where it was seen (`repo:tag`) and the digest it resolved to. */
export interface ImageReference {
  readonly reference: string;
  readonly digest: string;
}

/**
 * The watcher's state: each image digest's SBOM (stored once), the references seen pointing at it,
 * every alert already raised (so a re-match reports only what is new) and, for each alert, which
 * sinks accepted it (the outbox). Two implementations: SQLite (one machine, the default) and
 * PostgreSQL (watchers and workers on several machines). Every write that decides something is the
 * database's: a primary key decides which of two racing writers records an alert, and the outbox is
 * claimed with a lease in one statement.
 */
export interface WatchStore {
  /** `sqlite:<path>` or `postgres://host/db` (no password): for messages. */
  readonly location: string;
  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  hasImage(digest: string): Promise<boolean>;
  /** Stores an image's SBOM once; a digest already stored is left as it is (digests are immutable). */
  putImage(digest: string, sbom: string, now: Date): Promise<void>;
  /** Every stored digest, sorted. */
  digests(): Promise<string[]>;
  /** The SBOMs of these digests (the ones stored). */
  sboms(digests: readonly string[]): Promise<Map<string, string>>;
  /** Records that `reference` (repo:tag) now resolves to `digest`. */
  putReference(reference: ImageReference, now: Date): Promise<void>;
  referencesOf(digest: string): Promise<string[]>;
  /**
   * Records the alerts not raised before, in one transaction, and returns exactly those. Recording
   * is idempotent: a retried job, or a second watcher, records nothing twice.
   */
  addAlerts(candidates: readonly NewAlert[], now: Date): Promise<StoredAlert[]>;
  /** Every alert, sorted by digest, vulnerability and package. */
  alerts(): Promise<StoredAlert[]>;
  /**
   * Claims the alerts not yet delivered to every sink and not claimed by another live deliverer (a
   * claim lapses after `leaseMs`, so a deliverer that died does not hold them), sorted.
   */
  claimPending(owner: string, now: Date, leaseMs: number): Promise<PendingAlert[]>;
  /** Records that `sink` accepted these alerts. */
  recordDelivery(keys: readonly AlertKey[], sink: string, now: Date): Promise<void>;
  /** Marks these alerts delivered everywhere and drops `owner`'s remaining claims. */
  finishDelivery(owner: string, delivered: readonly AlertKey[], now: Date): Promise<void>;
  close(): Promise<void>;
}

/** A stable id for an alert key (a map key; the store's own primary key is the three columns). */
export function alertId(key: AlertKey): string {
  return `${key.digest}\u0000${key.vulnerability}\u0000${key.package}`;
}

/** Ids of sinks without secrets in them (Slack URLs carry a token): type and a hash of the URL. */
export function sinkId(type: string, url?: string): string {
  return url === undefined ? type : `${type}:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

/** Code-unit order, as both stores sort (SQLite BINARY, PostgreSQL COLLATE "C") for ASCII keys. */
export function compareAlertKeys(a: AlertKey, b: AlertKey): number {
  return compareText(a.digest, b.digest) || compareText(a.vulnerability, b.vulnerability) || compareText(a.package, b.package);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads the stored details JSON; a damaged value gives empty details rather than no alert. */
export function parseDetails(text: string): AlertDetails {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return { title: '', message: '', fixedVersions: [] };
    const title = 'title' in value && typeof value.title === 'string' ? value.title : '';
    const message = 'message' in value && typeof value.message === 'string' ? value.message : '';
    const fixed = 'fixedVersions' in value && Array.isArray(value.fixedVersions) ? value.fixedVersions.filter((item): item is string => typeof item === 'string') : [];
    return { title, message, fixedVersions: fixed };
  } catch {
    return { title: '', message: '', fixedVersions: [] };
  }
}
