import { createHash } from 'node:crypto';
import { openCacheDatabase } from '../../core/sqlite-cache.ts';
import type { CheckResult, ImageRequirements, ImageVerification, ItemResult } from '../verify/index.ts';

/** Passing verifications by (image digest, requirement identity); failures are never cached. */
export interface VerificationCache {
  readonly path: string;
  get(digest: string, requirementKey: string, now: number): ImageVerification | undefined;
  /** Stores a passing verification until `validUntil` (ms since the epoch); a failing one is ignored. */
  put(verification: ImageVerification, requirementKey: string, now: number, validUntil: number): void;
  close(): void;
}

/** A cached pass is trusted this long (signatures can be removed, keys revoked): one hour. */
export const DEFAULT_CACHE_TTL_MS = 3_600_000;
const SCHEMA_VERSION = '1';

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS verifications (
  digest TEXT NOT NULL, requirement TEXT NOT NULL, verification TEXT NOT NULL, stored_at INTEGER NOT NULL, valid_until INTEGER NOT NULL,
  PRIMARY KEY (digest, requirement)) WITHOUT ROWID;
`;

/**
 * The identity of what was required: every key (name and SPKI DER), the signature count, each
 * attestation (type, keys, maximum age, conditions) and anything the caller adds (a policy file's
 * digest). Another key, type, age or condition is another cache entry.
 */
export function requirementKey(requirements: ImageRequirements, extra = ''): string {
  const key = (named: { readonly name: string; readonly key: { export(options: { format: 'der'; type: 'spki' }): Buffer } }): string =>
    `${named.name}=${createHash('sha256').update(named.key.export({ format: 'der', type: 'spki' })).digest('hex')}`;
  const identity = {
    signatureKeys: requirements.signatureKeys.map(key).sort(),
    signatureCount: requirements.signatureCount,
    attestations: requirements.attestations.map((required) => ({
      predicateType: required.predicateType,
      name: required.name,
      keys: required.keys.map(key).sort(),
      maxAgeSeconds: required.maxAgeSeconds ?? null,
      conditions: required.conditions.map((condition) => [condition.expression, condition.message ?? '']),
    })),
    policies: requirements.policies,
    extra,
  };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/**
 * Opens (creating) the verification cache, a SQLite file like the image layer cache: WAL journal, a
 * busy timeout for concurrent runs, one IMMEDIATE transaction per write. A file that is not a usable
 * cache is DB_INVALID naming it.
 */
export function openVerificationCache(path: string): VerificationCache {
  const database = openCacheDatabase(path, { tables: TABLES, schemaVersion: SCHEMA_VERSION, cachedTables: ['verifications'], name: 'the verification cache', remedy: 'Delete the file or run with --no-cache.' });
  const select = database.prepare('SELECT verification, valid_until FROM verifications WHERE digest = ? AND requirement = ?');
  const insert = database.prepare('INSERT OR REPLACE INTO verifications (digest, requirement, verification, stored_at, valid_until) VALUES (?, ?, ?, ?, ?)');
  const prune = database.prepare('DELETE FROM verifications WHERE valid_until < ?');
  return {
    path,
    get(digest, key, now) {
      const row = select.get(digest, key);
      if (row === undefined || Number(row['valid_until']) < now) return undefined;
      return decodeVerification(String(row['verification']), digest);
    },
    put(verification, key, now, validUntil) {
      if (!verification.ok || validUntil <= now) return;
      database.exec('BEGIN IMMEDIATE');
      try {
        prune.run(now);
        insert.run(verification.digest, key, JSON.stringify(verification), now, validUntil);
        database.exec('COMMIT');
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
    },
    close() {
      if (database.isOpen) database.close();
    },
  };
}

/** A stored verification, or undefined when the row is not one (then it is a miss and is rewritten). */
export function decodeVerification(text: string, digest: string): ImageVerification | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['digest'] !== digest || value['ok'] !== true || typeof value['reference'] !== 'string') return undefined;
  const checks = Array.isArray(value['checks']) ? value['checks'].flatMap(toCheck) : [];
  const items = Array.isArray(value['items']) ? value['items'].flatMap(toItem) : [];
  if (checks.length === 0 || checks.some((check) => !check.ok)) return undefined;
  return { reference: value['reference'], digest, ok: true, checks, items };
}

const CHECK_KINDS = ['signature', 'attestation', 'policy'] as const;

function toCheck(value: unknown): CheckResult[] {
  if (!isRecord(value)) return [];
  const kind = CHECK_KINDS.find((candidate) => candidate === value['kind']);
  const { name, ok, message } = value;
  if (kind === undefined || typeof name !== 'string' || typeof ok !== 'boolean' || typeof message !== 'string' || value['reason'] !== 'verified') return [];
  return [{ kind, name, ok, reason: 'verified', message }];
}

function toItem(value: unknown): ItemResult[] {
  if (!isRecord(value)) return [];
  const kind = value['kind'] === 'signature' || value['kind'] === 'attestation' ? value['kind'] : undefined;
  const { source, message, keyName, predicateType } = value;
  if (kind === undefined || typeof source !== 'string' || typeof message !== 'string' || value['ok'] !== true) return [];
  return [{
    kind,
    source,
    ok: true,
    reason: 'verified',
    message,
    ...(typeof keyName === 'string' ? { keyName } : {}),
    ...(typeof predicateType === 'string' ? { predicateType } : {}),
  }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
