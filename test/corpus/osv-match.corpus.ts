// Corpus suite: every real OSV record under ../shared/corpora/osv (README there). For each affected
// package, versions are taken from its `versions` list, its events, and just below and above each
// event; the matcher's verdict (isAffected, and vulnerabilityFindings end to end) is checked against a
// reference evaluation written separately here: a version is affected when it is listed (equal in the
// ecosystem's order) or when, in some range it is below a limit of, the LAST applicable event in
// (version, written order) is an `introduced` (introduced/fixed apply at or below the version,
// last_affected strictly below). Run: npm run test:corpus. Skips where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../src/core/index.ts';
import type { Distribution, PackageEcosystem, PackageEntry } from '../../src/packages/index.ts';
import { createPackageInventory } from '../../src/packages/index.ts';
import { createMemorySource, isAffected, vulnerabilityFindings } from '../../src/vuln/match/index.ts';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from '../../src/vuln/osv.ts';
import type { Version } from '../../src/vuln/versioning/index.ts';
import { parseVersion, schemeIdFor, tryCompareVersions, versionSchemes } from '../../src/vuln/versioning/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'osv');
const skip = existsSync(join(FOLDER, 'index.json')) ? false : `OSV corpus not found at ${FOLDER} (needs ../shared beside the clone)`;

function isOsvRecord(value: unknown): value is OsvRecord {
  if (typeof value !== 'object' || value === null) return false;
  const id: unknown = Reflect.get(value, 'id');
  const affected: unknown = Reflect.get(value, 'affected');
  return typeof id === 'string' && (affected === undefined || Array.isArray(affected));
}

function loadRecords(): OsvRecord[] {
  const index: unknown = JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8'));
  assert.ok(Array.isArray(index));
  return index.map((entry: unknown) => {
    const file: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'file') : undefined;
    assert.equal(typeof file, 'string');
    const record: unknown = JSON.parse(readFileSync(join(FOLDER, String(file)), 'utf8'));
    assert.ok(isOsvRecord(record), String(file));
    return record;
  });
}

// ---- the reference evaluation (independent of src/vuln/match) ----

function cmp(ecosystem: string, a: string, b: string): number | undefined {
  const result = tryCompareVersions(ecosystem, a, b);
  return result.ok ? result.value : undefined;
}

function eventOf(event: OsvEvent): [kind: string, text: string] | undefined {
  const pairs = Object.entries(event).filter(([key]) => ['introduced', 'fixed', 'last_affected', 'limit'].includes(key));
  const [pair] = pairs;
  return pairs.length === 1 && pair !== undefined && typeof pair[1] === 'string' ? [pair[0], pair[1]] : undefined;
}

/** true / false, or undefined when the range cannot be evaluated (an event or the version does not parse). */
function referenceRange(range: OsvRange, ecosystem: string, version: string): boolean | undefined {
  const order = range.type === 'SEMVER' ? 'npm' : ecosystem;
  const events = range.events.map(eventOf);
  if (events.length === 0 || events.some((event) => event === undefined)) return undefined;
  let last: { kind: string; text: string; index: number } | undefined;
  let limited = false;
  let belowALimit = false;
  for (const [index, event] of events.entries()) {
    if (event === undefined) return undefined;
    const [kind, text] = event;
    const special = (kind === 'introduced' && text === '0') || (kind === 'limit' && text.includes('*'));
    const c = special ? (kind === 'limit' ? -1 : 1) : cmp(order, version, text);
    if (c === undefined) return undefined;
    if (kind === 'limit') {
      limited = true;
      belowALimit ||= c < 0;
      continue;
    }
    const applies = kind === 'last_affected' ? c > 0 : c >= 0;
    if (!applies) continue;
    const laterThanLast = last === undefined || isLater({ kind, text, index }, last, order);
    if (laterThanLast) last = { kind, text, index };
  }
  if (limited && !belowALimit) return false;
  return last?.kind === 'introduced';
}

function isLater(a: { kind: string; text: string; index: number }, b: { kind: string; text: string; index: number }, order: string): boolean {
  const zero = (event: { kind: string; text: string }): boolean => event.kind === 'introduced' && event.text === '0';
  if (zero(a) !== zero(b)) return zero(b);
  const c = zero(a) ? 0 : (cmp(order, a.text, b.text) ?? 0);
  return c > 0 || (c === 0 && a.index > b.index);
}

const parsedLists = new WeakMap<OsvAffected, Version[]>();

/** Listed: the same text, or a version equal in the ecosystem's order (linear scan over the pre-parsed list). */
function isListed(affected: OsvAffected, ecosystem: string, version: string): boolean {
  const listed = affected.versions ?? [];
  if (listed.includes(version)) return true;
  const query = parseVersion(ecosystem, version);
  if (!query.ok) return false;
  const parsed = parsedLists.get(affected) ?? listed.flatMap((item) => {
    const result = parseVersion(ecosystem, item);
    return result.ok ? [result.value] : [];
  });
  parsedLists.set(affected, parsed);
  const scheme = versionSchemes[query.value.scheme];
  return parsed.some((item) => scheme.compare(item, query.value) === 0);
}

function reference(affected: OsvAffected, ecosystem: string, version: string): boolean {
  const listed = isListed(affected, ecosystem, version);
  return listed || (affected.ranges ?? []).some((range) => range.type !== 'GIT' && referenceRange(range, ecosystem, version) === true);
}

// ---- query versions ----

function bumpLastNumber(text: string, delta: 1n | -1n): string | undefined {
  const match = /(\d+)(\D*)$/.exec(text);
  if (match === null || match[1] === undefined) return undefined;
  const next = BigInt(match[1]) + delta;
  if (next < 0n) return undefined;
  return `${text.slice(0, match.index)}${next}${match[2] ?? ''}`;
}

function queryVersions(affected: OsvAffected): string[] {
  const versions = new Set(affected.versions ?? []);
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') continue;
    for (const event of range.events) {
      for (const text of Object.values(event)) {
        if (typeof text !== 'string' || text === '0' || text.includes('*')) continue;
        versions.add(text);
        for (const near of [bumpLastNumber(text, -1n), bumpLastNumber(text, 1n)]) if (near !== undefined) versions.add(near);
      }
    }
  }
  return [...versions];
}

// ---- the suite ----

const INVENTORY_ECOSYSTEMS: ReadonlySet<string> = new Set(['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'Maven', 'NuGet', 'Debian', 'Ubuntu', 'Alpine']);

function isPackageEcosystem(value: string): value is PackageEcosystem {
  return INVENTORY_ECOSYSTEMS.has(value);
}

/** The os-release an image of `Debian:9` / `Alpine:v3.16` would have. */
function distributionFor(ecosystem: string): Distribution | undefined {
  const [base = '', release] = ecosystem.split(':');
  if (release === undefined) return undefined;
  if (base === 'Debian') return { id: 'debian', versionId: release };
  if (base === 'Alpine') return { id: 'alpine', versionId: `${release.replace(/^v/, '')}.0` };
  return undefined;
}

describe('corpus: OSV matching against a reference evaluation', { skip }, () => {
  const records = skip === false ? loadRecords() : [];
  const source = createMemorySource(records);

  it('isAffected agrees with the reference on every listed, event and near-event version', (t) => {
    let queries = 0;
    let affectedCount = 0;
    let skippedEntries = 0;
    const disagreements: string[] = [];
    for (const record of records) {
      for (const affected of record.affected ?? []) {
        const ecosystem = affected.package?.ecosystem;
        if (ecosystem === undefined || schemeIdFor(ecosystem) === undefined) {
          skippedEntries += 1;
          continue;
        }
        for (const version of queryVersions(affected)) {
          queries += 1;
          const expected = reference(affected, ecosystem, version);
          const actual = isAffected(affected, ecosystem, version).affected;
          if (expected) affectedCount += 1;
          if (actual !== expected) disagreements.push(`${record.id} ${ecosystem} ${affected.package?.name} ${version}: matcher ${actual}, reference ${expected}`);
        }
      }
    }
    t.diagnostic(`${records.length} records, ${queries} queries (${affectedCount} affected), ${skippedEntries} affected entries without a known ecosystem`);
    assert.deepEqual(disagreements.slice(0, 20), []);
    assert.ok(queries > 10_000, `only ${queries} queries`);
  });

  it('vulnerabilityFindings reports each record exactly where the reference says, through the package identity rules', (t) => {
    let packages = 0;
    let found = 0;
    const disagreements: string[] = [];
    for (const record of records) {
      for (const affected of record.affected ?? []) {
        const pkg = affected.package;
        if (pkg === undefined || schemeIdFor(pkg.ecosystem) === undefined) continue;
        const [base = ''] = pkg.ecosystem.split(':');
        if (!isPackageEcosystem(base)) continue;
        const versions = queryVersions(affected);
        const entries: PackageEntry[] = versions.map((version, index) => ({
          name: pkg.name,
          version,
          purl: `pkg:generic/${encodeURIComponent(pkg.name)}@${encodeURIComponent(version)}`,
          direct: undefined,
          scope: undefined,
          range: { start: { line: index + 1, column: 1 }, end: { line: index + 1, column: 2 } },
          dependencies: [],
        }));
        const distribution = distributionFor(pkg.ecosystem);
        const inventory = createPackageInventory(createSourceDocument('lockfile', ''), { ecosystem: base, format: 'corpus', packages: entries, ...(distribution === undefined ? {} : { distribution }) });
        // A source holding this record alone: other records that alias it would otherwise report it too.
        const findings = vulnerabilityFindings(inventory, createMemorySource([record])).findings;
        for (const version of versions) {
          packages += 1;
          const siblings = (record.affected ?? []).filter((other) => other.package?.ecosystem === pkg.ecosystem && other.package.name.toLowerCase() === pkg.name.toLowerCase());
          const expected = record.withdrawn === undefined && siblings.some((other) => reference(other, pkg.ecosystem, version));
          const hit = findings.some((finding) => finding.package?.version === version && finding.ruleId === record.id);
          if (hit) found += 1;
          if (expected !== hit) disagreements.push(`${record.id} ${pkg.ecosystem} ${pkg.name} ${version}: reported ${hit}, reference ${expected}`);
        }
      }
    }
    t.diagnostic(`${packages} package versions checked end to end, ${found} reported`);
    assert.deepEqual(disagreements.slice(0, 20), []);
  });

  it('withdrawn records never match', () => {
    const withdrawn = records.filter((record) => record.withdrawn !== undefined);
    assert.ok(withdrawn.length > 0);
    for (const record of withdrawn) {
      for (const affected of record.affected ?? []) {
        const pkg = affected.package;
        const [base = ''] = pkg?.ecosystem.split(':') ?? [];
        if (pkg === undefined || !isPackageEcosystem(base)) continue;
        const entries: PackageEntry[] = queryVersions(affected).map((version) => ({ name: pkg.name, version, purl: `pkg:generic/x@${version}`, direct: undefined, scope: undefined, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, dependencies: [] }));
        const distribution = distributionFor(pkg.ecosystem);
        const inventory = createPackageInventory(createSourceDocument('lockfile', ''), { ecosystem: base, format: 'corpus', packages: entries, ...(distribution === undefined ? {} : { distribution }) });
        const findings = vulnerabilityFindings(inventory, source).findings;
        assert.deepEqual(findings.filter((finding) => finding.ruleId === record.id), [], record.id);
      }
    }
  });
});
