// Vulnerability matching benchmark: 100,000 generated OSV advisories in an in-memory source and an
// inventory of 10,000 packages (npm, PyPI, Maven, Debian with source packages), matched with
// vulnerabilityFindings. Goal: under 1 s. Prints a table (median of the runs, fresh caches each run).
// Run: node bench/match.ts [--advisories 100000] [--packages 10000] [--runs 5]. Never part of `npm test`.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSourceDocument } from '../src/core/index.ts';
import type { PackageEcosystem, PackageEntry, PackageInventoryArtifact } from '../src/packages/index.ts';
import { createPackageInventory } from '../src/packages/index.ts';
import { createMemorySource, vulnerabilityFindings } from '../src/vuln/match/index.ts';
import type { OsvAffected, OsvRecord } from '../src/vuln/osv.ts';

const { values } = parseArgs({ options: { advisories: { type: 'string', default: '100000' }, packages: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const ADVISORIES = Math.max(1, Number(values.advisories));
const PACKAGES = Math.max(1, Number(values.packages));
const RUNS = Math.max(1, Number(values.runs));

/** A small deterministic generator (mulberry32) so every run sees the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const pick = (n: number): number => Math.floor(rand() * n);

interface Kind {
  readonly ecosystem: PackageEcosystem;
  readonly osv: string;
  readonly version: (a: number, b: number, c: number) => string;
}

const KINDS: readonly Kind[] = [
  { ecosystem: 'npm', osv: 'npm', version: (a, b, c) => `${a}.${b}.${c}` },
  { ecosystem: 'PyPI', osv: 'PyPI', version: (a, b, c) => (c === 0 ? `${a}.${b}` : `${a}.${b}.${c}`) },
  { ecosystem: 'Maven', osv: 'Maven', version: (a, b, c) => `${a}.${b}.${c}.Final` },
  { ecosystem: 'Debian', osv: 'Debian:12', version: (a, b, c) => `${a}.${b}.${c}-${1 + (c % 3)}+deb12u${b % 4}` },
];

function kindOf(index: number): Kind {
  return KINDS[index % KINDS.length] ?? KINDS[0] ?? { ecosystem: 'npm', osv: 'npm', version: () => '1.0.0' };
}

function nameOf(index: number): string {
  const kind = kindOf(index);
  return kind.ecosystem === 'Maven' ? `org.example${index}:artifact-${index}` : `package-${index}`;
}

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
];

/** Advisories name packages among twice as many names as the inventory holds, so about half the advisories concern it. */
function generateAdvisories(count: number, names: number): OsvRecord[] {
  const records: OsvRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const target = pick(names);
    const kind = kindOf(target);
    const major = pick(5);
    const minor = pick(20);
    const affected: OsvAffected = {
      package: { ecosystem: kind.osv, name: nameOf(target) },
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [{ introduced: i % 7 === 0 ? '0' : kind.version(major, 0, 0) }, { fixed: kind.version(major, minor, 1 + pick(9)) }, { introduced: kind.version(major + 1, 0, 0) }, { fixed: kind.version(major + 1, 2, 0) }],
        },
      ],
      ...(i % 5 === 0 ? { versions: Array.from({ length: 20 }, (_, n) => kind.version(major, minor, n)) } : {}),
    };
    const cve = `CVE-2024-${String(i).padStart(6, '0')}`;
    records.push({
      id: i % 3 === 0 ? cve : `GHSA-bench-${i.toString(36)}`,
      modified: '2024-01-01T00:00:00Z',
      aliases: i % 3 === 0 ? [] : [cve],
      summary: `Generated advisory ${i}`,
      ...(i % 4 === 0 ? { database_specific: { severity: 'HIGH' } } : { severity: [{ type: i % 2 === 0 ? 'CVSS_V4' : 'CVSS_V3', score: VECTORS[pick(VECTORS.length)] ?? '' }] }),
      affected: [affected],
    });
  }
  return records;
}

function generateInventories(count: number): PackageInventoryArtifact[] {
  const byKind = new Map<PackageEcosystem, PackageEntry[]>();
  for (let i = 0; i < count; i += 1) {
    const kind = kindOf(i);
    const version = kind.version(pick(6), pick(20), pick(10));
    const name = nameOf(i);
    const entry: PackageEntry = {
      name: kind.ecosystem === 'Debian' ? `lib${name}` : name,
      version,
      purl: `pkg:generic/${name}@${version}`,
      direct: undefined,
      scope: undefined,
      range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 10 } },
      dependencies: [],
      ...(kind.ecosystem === 'Debian' ? { sourceName: name, sourceVersion: version } : {}),
    };
    const list = byKind.get(kind.ecosystem) ?? [];
    list.push(entry);
    byKind.set(kind.ecosystem, list);
  }
  return [...byKind].map(([ecosystem, packages]) =>
    createPackageInventory(createSourceDocument(`${ecosystem}.lock`, ''), {
      ecosystem,
      format: 'bench',
      packages,
      ...(ecosystem === 'Debian' ? { distribution: { id: 'debian', versionId: '12' } } : {}),
    }),
  );
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const generateStart = performance.now();
const records = generateAdvisories(ADVISORIES, PACKAGES * 2);
const inventories = generateInventories(PACKAGES);
const generateMs = performance.now() - generateStart;
const indexStart = performance.now();
const source = createMemorySource(records);
const indexMs = performance.now() - indexStart;

const samples: number[] = [];
const cpuSamples: number[] = [];
let findings = 0;
let notes = 0;
for (let run = 0; run < RUNS; run += 1) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  findings = 0;
  notes = 0;
  for (const inventory of inventories) {
    const result = vulnerabilityFindings(inventory, source);
    findings += result.findings.length;
    notes += result.notes.length;
  }
  samples.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuSamples.push((cpu.user + cpu.system) / 1000);
}

const rows: readonly (readonly [string, string])[] = [
  ['advisories', ADVISORIES.toLocaleString('en')],
  ['packages (4 inventories)', PACKAGES.toLocaleString('en')],
  ['generate', `${generateMs.toFixed(0)} ms`],
  ['index (memory source)', `${indexMs.toFixed(0)} ms`],
  [`match, median of ${RUNS} (wall)`, `${median(samples).toFixed(0)} ms`],
  [`match, median of ${RUNS} (CPU, one thread)`, `${median(cpuSamples).toFixed(0)} ms`],
  ['match, first run (cold caches, JIT; wall / CPU)', `${(samples[0] ?? 0).toFixed(0)} ms / ${(cpuSamples[0] ?? 0).toFixed(0)} ms`],
  ['match, fastest', `${Math.min(...samples).toFixed(0)} ms`],
  ['findings', findings.toLocaleString('en')],
  ['notes', String(notes)],
  ['goal (CPU)', median(cpuSamples) < 1000 ? 'met (< 1 s)' : 'missed (≥ 1 s)'],
  ['load average (1 min)', loadavg()[0]?.toFixed(1) ?? '?'],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log('\nvulnerability matching (bench/match.ts)');
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
