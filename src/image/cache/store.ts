import { rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Finding, ScanError } from '../../core/index.ts';
import { openCacheDatabase } from '../../core/sqlite-cache.ts';
import type { LayerEntry } from '../fs/index.ts';
import { packEntries, unpackEntries } from '../fs/index.ts';

/** What the cache keeps per layer: everything the scan derives from the layer alone. */
export interface CachedLayer {
  readonly entries: readonly LayerEntry[];
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly writes: number;
}

/** A store of per-layer results keyed by (layer digest, analysis key). */
export interface LayerCache {
  readonly path: string;
  get(digest: string, analysisKey: string): CachedLayer | undefined;
  put(digest: string, analysisKey: string, layer: CachedLayer): void;
  /** Hits and misses of `get`, writes of `put`, since the cache was opened. */
  stats(): CacheStats;
  close(): void;
}

/** Bumped when the tables change; an older cache is emptied on open. */
const SCHEMA_VERSION = '1';
const FILE_NAME = 'image-layers.sqlite';

/** `$PALISADE_CACHE_DIR`, else `$XDG_CACHE_HOME/palisade`, else `~/.cache/palisade`; the file `image-layers.sqlite` in it. */
export function defaultCachePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env['PALISADE_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return join(explicit, FILE_NAME);
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : join(env['HOME'] ?? homedir(), '.cache');
  return join(base, 'palisade', FILE_NAME);
}

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS layers (
  digest TEXT NOT NULL, analysis TEXT NOT NULL, entries BLOB NOT NULL, findings TEXT NOT NULL, errors TEXT NOT NULL,
  stored_at INTEGER NOT NULL, PRIMARY KEY (digest, analysis)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
  digest TEXT NOT NULL, analysis TEXT NOT NULL, path TEXT NOT NULL, content BLOB NOT NULL,
  PRIMARY KEY (digest, analysis, path)) WITHOUT ROWID;
`;

/**
 * Opens (creating it when missing) the SQLite layer cache: WAL journal, a busy timeout for concurrent
 * scans, and one `BEGIN IMMEDIATE` transaction per stored layer so readers never see half a layer.
 * A file that is not a usable cache is a DB_INVALID error naming it (`palisade cache clean` removes it).
 */
export function openLayerCache(path: string): LayerCache {
  const database = openCacheDatabase(path, { tables: TABLES, schemaVersion: SCHEMA_VERSION, cachedTables: ['layers', 'files'], name: 'the image layer cache', remedy: 'Run `palisade cache clean` to remove it.' });
  const selectLayer = database.prepare('SELECT entries, findings, errors FROM layers WHERE digest = ? AND analysis = ?');
  const selectFiles = database.prepare('SELECT path, content FROM files WHERE digest = ? AND analysis = ?');
  const insertLayer = database.prepare('INSERT OR REPLACE INTO layers (digest, analysis, entries, findings, errors, stored_at) VALUES (?, ?, ?, ?, ?, ?)');
  const deleteFiles = database.prepare('DELETE FROM files WHERE digest = ? AND analysis = ?');
  const insertFile = database.prepare('INSERT INTO files (digest, analysis, path, content) VALUES (?, ?, ?, ?)');
  let hits = 0;
  let misses = 0;
  let writes = 0;
  return {
    path,
    get(digest, analysisKey) {
      const row = selectLayer.get(digest, analysisKey);
      const layer = row === undefined ? undefined : decodeLayer(row, selectFiles.all(digest, analysisKey));
      if (layer === undefined) misses += 1;
      else hits += 1;
      return layer;
    },
    put(digest, analysisKey, layer) {
      const entries = deflateSync(JSON.stringify(packEntries(layer.entries)));
      database.exec('BEGIN IMMEDIATE');
      try {
        insertLayer.run(digest, analysisKey, entries, JSON.stringify(layer.findings), JSON.stringify(layer.errors), Date.now());
        deleteFiles.run(digest, analysisKey);
        for (const [file, content] of layer.files) insertFile.run(digest, analysisKey, file, content);
        database.exec('COMMIT');
        writes += 1;
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
    },
    stats: () => ({ hits, misses, writes }),
    close: () => {
      if (database.isOpen) database.close();
    },
  };
}

type Row = Readonly<Record<string, unknown>>;

/** A stored layer, or undefined when the row cannot be decoded (then it counts as a miss and is rewritten). */
function decodeLayer(row: Row, fileRows: readonly Row[]): CachedLayer | undefined {
  try {
    const blob = row['entries'];
    const findings: unknown = JSON.parse(String(row['findings']));
    const errors: unknown = JSON.parse(String(row['errors']));
    if (!(blob instanceof Uint8Array) || !Array.isArray(findings) || !Array.isArray(errors)) return undefined;
    const entries = unpackEntries(JSON.parse(inflateSync(blob).toString('utf8')));
    if (entries === undefined) return undefined;
    const files = new Map<string, Uint8Array>();
    for (const file of fileRows) {
      const content = file['content'];
      if (typeof file['path'] !== 'string' || !(content instanceof Uint8Array)) return undefined;
      files.set(file['path'], content);
    }
    return { entries, files, findings: findings.filter(isFindingLike), errors: errors.filter(isErrorLike) };
  } catch {
    return undefined;
  }
}

function isFindingLike(value: unknown): value is Finding {
  return typeof value === 'object' && value !== null && 'ruleId' in value && 'location' in value && 'fingerprint' in value;
}

function isErrorLike(value: unknown): value is ScanError {
  return typeof value === 'object' && value !== null && 'path' in value && 'code' in value && 'message' in value;
}

/** Removes the cache file and its WAL companions; returns how many bytes that freed (0 when there was none). */
export async function cleanCache(path: string): Promise<{ readonly removed: boolean; readonly bytes: number }> {
  let bytes = 0;
  let removed = false;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      bytes += (await stat(file)).size;
      await rm(file, { force: true });
      removed = true;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    }
  }
  return { removed, bytes };
}
