// Corpus suite (issue 7): import every real OSV record under ../shared/corpora/osv into the SQLite
// advisory database, write a CycloneDX SBOM holding every package version the records talk about
// (listed versions, events and their neighbours), read the SBOM back, match it against the database,
// and compare with a reference written here independently of src/vuln/match: a version is affected
// by a record when it is listed or inside one of the record's ranges (introduced ≤ v < fixed,
// introduced ≤ v ≤ last_affected, with a limit as an upper bound; events of SEMVER ranges ordered as
// npm versions). Run: npm run test:corpus. Skips where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../src/core/index.ts';
import type { PackageEcosystem, PackageEntry, PackageInventoryArtifact } from '../../src/packages/index.ts';
import { createPackageInventory, formatPurl, npmPurl } from '../../src/packages/index.ts';
import { buildSbom, readSbom } from '../../src/sbom/index.ts';
import type { OsvAffected, OsvEvent, OsvRecord } from '../../src/vuln/index.ts';
import { importAdvisories, openAdvisoryDatabase, tryCompareVersions, vulnerabilityFindings } from '../../src/vuln/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'osv');
const skip = existsSync(join(FOLDER, 'index.json')) ? false : `OSV corpus not found at ${FOLDER} (needs ../shared beside the clone)`;

/** Language ecosystems: their purls carry everything a match needs (distro releases come from os-release). */
const PURL_TYPES: Readonly<Partial<Record<PackageEcosystem, string>>> = { npm: 'npm', PyPI: 'pypi', Go: 'golang', 'crates.io': 'cargo', RubyGems: 'gem', Packagist: 'composer', Maven: 'maven', NuGet: 'nuget' };

function isPackageEcosystem(value: string): value is PackageEcosystem {
  return value in PURL_TYPES;
}

function purlOf(ecosystem: PackageEcosystem, name: string, version: string): string {
  if (ecosystem === 'npm') return npmPurl(name, version);
  const type = PURL_TYPES[ecosystem] ?? 'generic';
  const split = ecosystem === 'Maven' ? name.indexOf(':') : ecosystem === 'Packagist' || ecosystem === 'Go' ? name.lastIndexOf('/') : -1;
  if (split === -1) return formatPurl({ type, name, version });
  return formatPurl({ type, namespace: name.slice(0, split), name: name.slice(split + 1), version });
}

function loadRecords(): OsvRecord[] {
  const index: unknown = JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8'));
  assert.ok(Array.isArray(index));
  return index.map((entry: unknown) => {
    const file: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'file') : undefined;
    const record: OsvRecord = JSON.parse(readFileSync(join(FOLDER, String(file)), 'utf8'));
    return record;
  });
}

// ---- reference (independent of src/vuln/match) ----

function compare(ecosystem: string, a: string, b: string): number | undefined {
  const result = tryCompareVersions(ecosystem, a, b);
  return result.ok ? result.value : undefined;
}

/** introduced/fixed/last_affected/limit pairs read in order: each `introduced` opens an interval the next closing event ends. */
function inRanges(affected: OsvAffected, ecosystem: string, version: string): boolean {
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    const order = range.type === 'SEMVER' ? 'npm' : ecosystem;
    const sorted = [...range.events].sort((a, b) => compareEvents(order, a, b));
    let open: string | undefined;
    const limits = range.events.flatMap((event) => (event.limit === undefined ? [] : [event.limit]));
    if (limits.some((limit) => limit !== '*' && (compare(order, version, limit) ?? 1) >= 0)) continue;
    for (const event of sorted) {
      if (event.introduced !== undefined) open ??= event.introduced;
      const close = event.fixed ?? event.last_affected;
      if (close === undefined || open === undefined) continue;
      if (isInside(order, version, open, close, event.fixed === undefined)) return true;
      open = undefined;
    }
    if (open !== undefined && (open === '0' || (compare(order, version, open) ?? -1) >= 0)) return true;
  }
  return false;
}

function isInside(order: string, version: string, from: string, to: string, inclusive: boolean): boolean {
  const lower = from === '0' ? 1 : compare(order, version, from);
  const upper = compare(order, version, to);
  if (lower === undefined || upper === undefined) return false;
  return lower >= 0 && (inclusive ? upper <= 0 : upper < 0);
}

/** Orders two events by their versions, `introduced: 0` first (an unparsable pair keeps its order). */
function compareEvents(order: string, a: OsvEvent, b: OsvEvent): number {
  const textA = eventText(a);
  const textB = eventText(b);
  if (textA === '0' || textB === '0') return textA === textB ? 0 : textA === '0' ? -1 : 1;
  return compare(order, textA, textB) ?? 0;
}

function eventText(event: OsvEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
}

function affects(record: OsvRecord, ecosystem: string, name: string, version: string): boolean {
  if (record.withdrawn !== undefined) return false;
  return (record.affected ?? []).some((affected) => {
    if (affected.package?.ecosystem !== ecosystem || !sameName(ecosystem, affected.package.name, name)) return false;
    return (affected.versions ?? []).some((listed) => listed === version || compare(ecosystem, listed, version) === 0) || inRanges(affected, ecosystem, version);
  });
}

function sameName(ecosystem: string, a: string, b: string): boolean {
  if (ecosystem === 'PyPI') return a.toLowerCase().replace(/[-_.]+/g, '-') === b.toLowerCase().replace(/[-_.]+/g, '-');
  return ecosystem === 'Packagist' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Versions worth asking about: listed ones and each event's version. */
function queries(affected: OsvAffected): string[] {
  const versions = new Set(affected.versions ?? []);
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) for (const text of Object.values(event)) if (typeof text === 'string' && text !== '0' && !text.includes('*')) versions.add(text);
  }
  return [...versions];
}

describe('corpus: OSV records → advisory database; SBOM of the affected versions → findings', { skip }, () => {
  it('reports every affected version, and only those, through the database and a CycloneDX round trip', async (t) => {
    const records = loadRecords();
    const work = mkdtempSync(join(tmpdir(), 'palisade-osv-sbom-'));
    const database = join(work, 'advisories.db');
    const imported = await importAdvisories(database, [FOLDER]);
    assert.equal(imported.recordCount, records.length);

    const wanted = new Map<PackageEcosystem, Map<string, { name: string; version: string }>>();
    for (const record of records) {
      for (const affected of record.affected ?? []) {
        const ecosystem = affected.package?.ecosystem ?? '';
        const name = affected.package?.name ?? '';
        if (!isPackageEcosystem(ecosystem) || name === '') continue;
        const entries = wanted.get(ecosystem) ?? new Map<string, { name: string; version: string }>();
        for (const version of queries(affected)) entries.set(`${name}@${version}`, { name, version });
        wanted.set(ecosystem, entries);
      }
    }
    const inventories: PackageInventoryArtifact[] = [...wanted].map(([ecosystem, entries]) =>
      createPackageInventory(createSourceDocument(`${ecosystem}.lock`, ''), {
        ecosystem,
        format: 'corpus',
        packages: [...entries.values()].map(({ name, version }): PackageEntry => ({ name, version, purl: purlOf(ecosystem, name, version), direct: undefined, scope: undefined, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, dependencies: [] })),
      }),
    );
    const bom = join(work, 'bom.cdx.json');
    writeFileSync(bom, await buildSbom(inventories, { name: 'osv-corpus', kind: 'directory' }, 'cyclonedx-json'));
    const read = await readSbom(bom);
    const source = openAdvisoryDatabase(database);
    const reported = new Map<string, Set<string>>();
    try {
      for (const inventory of read.inventories) {
        for (const finding of vulnerabilityFindings(inventory, source).findings) {
          const key = `${inventory.ecosystem} ${finding.package?.name ?? ''}@${finding.package?.version ?? ''}`;
          const ids = reported.get(key) ?? new Set<string>();
          for (const id of [finding.ruleId, ...(finding.vulnerability?.aliases ?? [])]) ids.add(id);
          reported.set(key, ids);
        }
      }
    } finally {
      source.close();
    }

    const byPackage = new Map<string, OsvRecord[]>();
    for (const record of records) {
      for (const affected of record.affected ?? []) {
        const key = `${affected.package?.ecosystem ?? ''} ${(affected.package?.name ?? '').toLowerCase()}`;
        const list = byPackage.get(key) ?? [];
        if (!list.includes(record)) list.push(record);
        byPackage.set(key, list);
      }
    }
    const missing: string[] = [];
    const extra: string[] = [];
    let checked = 0;
    for (const [ecosystem, entries] of wanted) {
      for (const { name, version } of entries.values()) {
        checked += 1;
        const candidates = byPackage.get(`${ecosystem} ${name.toLowerCase()}`) ?? [];
        const expected = candidates.filter((record) => affects(record, ecosystem, name, version)).map((record) => record.id);
        const got = reported.get(`${ecosystem} ${name}@${version}`) ?? new Set<string>();
        for (const id of expected) if (!got.has(id)) missing.push(`${ecosystem} ${name}@${version}: ${id} not reported`);
        if (expected.length === 0 && got.size > 0) extra.push(`${ecosystem} ${name}@${version}: reported ${[...got].join(', ')}, reference says unaffected`);
      }
    }
    t.diagnostic(`${records.length} records imported; ${checked} package versions in the SBOM (${read.inventories.length} ecosystems); ${reported.size} reported`);
    assert.deepEqual(missing.slice(0, 20), []);
    assert.deepEqual(extra.slice(0, 20), []);
  });
});
