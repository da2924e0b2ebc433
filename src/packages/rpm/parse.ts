import { DatabaseSync } from 'node:sqlite';
import type { ScanError } from '../../core/index.ts';
import type { Result } from '../../core/index.ts';
import { createSourceDocument, err, ok } from '../../core/index.ts';
import type { PackageEntry, PackageInventoryArtifact } from '../model.ts';
import { createPackageInventory } from '../model.ts';
import { formatPurl } from '../purl.ts';
import type { RpmHeader } from './header.ts';
import { parseRpmHeader } from './header.ts';

const NO_RANGE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** `name-version-release.src.rpm` → source name and version-release. */
function sourceOf(sourceRpm: string | undefined): { sourceName?: string; sourceVersion?: string } {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm ?? '');
  if (match === null) return {};
  return { sourceName: match[1] ?? '', sourceVersion: `${match[2] ?? ''}-${match[3] ?? ''}` };
}

/** `epoch:version-release`, the form OSV and rpm compare. */
export function rpmVersion(header: RpmHeader): string {
  const base = header.release === '' ? header.version : `${header.version}-${header.release}`;
  return header.epoch === undefined || header.epoch === 0 ? base : `${header.epoch}:${base}`;
}

function toEntry(header: RpmHeader): PackageEntry {
  const version = header.release === '' ? header.version : `${header.version}-${header.release}`;
  return {
    name: header.name,
    version: rpmVersion(header),
    purl: formatPurl({ type: 'rpm', name: header.name, version, qualifiers: { arch: header.arch, epoch: header.epoch === undefined || header.epoch === 0 ? undefined : String(header.epoch) } }),
    direct: undefined,
    scope: undefined,
    range: NO_RANGE,
    dependencies: [],
    ...sourceOf(header.sourceRpm),
  };
}

/**
 * Reads `rpmdb.sqlite` from its bytes (deserialised into an in-memory database, nothing written to
 * disk): every `Packages.blob` header. A bad header is reported with its `hnum` and skipped.
 */
export function parseRpmDatabase(path: string, bytes: Uint8Array): Result<{ artifact: PackageInventoryArtifact; errors: ScanError[] }, ScanError> {
  const database = new DatabaseSync(':memory:');
  try {
    database.deserialize(bytes);
    const rows = database.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all();
    const packages: PackageEntry[] = [];
    const errors: ScanError[] = [];
    for (const row of rows) {
      const blob = row['blob'];
      const header = blob instanceof Uint8Array ? parseRpmHeader(blob) : 'blob is not binary';
      if (typeof header === 'string') errors.push({ path, code: 'PARSE_FAILED', message: `rpm header ${String(row['hnum'])}: ${header}; skipped.` });
      else if (header.name !== 'gpg-pubkey') packages.push(toEntry(header));
    }
    const artifact = createPackageInventory(createSourceDocument(path, ''), { ecosystem: 'Red Hat', format: 'rpmdb-sqlite', packages });
    return ok({ artifact, errors });
  } catch (cause) {
    return err({ path, code: 'PARSE_FAILED', message: `Not a readable rpmdb.sqlite: ${cause instanceof Error ? cause.message : String(cause)}` });
  } finally {
    database.close();
  }
}
