// Advisory database benchmark: 100,000 synthetic but realistic OSV records (six ecosystems) written to
// bench/.work/advisories, imported from the folder and from one zip, then 10,000 advisoriesFor lookups.
// Run: node bench/advisories.ts [--records 100000] [--lookups 10000]. Never part of `npm test`.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildZip } from '../src/vuln/db/__fixtures__/zip-writer.ts';
import { importAdvisories, openAdvisoryDatabase } from '../src/vuln/db/index.ts';

const WORK = join(import.meta.dirname, '.work', 'advisories');
const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, lookups: { type: 'string', default: '10000' } } });
const RECORDS = Number(values.records);
const LOOKUPS = Number(values.lookups);

const ECOSYSTEMS = [
  { ecosystem: 'npm', prefix: 'GHSA', range: 'SEMVER', name: (n: number) => (n % 5 === 0 ? `@scope${n % 97}/pkg-${n}` : `pkg-${n}`) },
  { ecosystem: 'PyPI', prefix: 'PYSEC', range: 'ECOSYSTEM', name: (n: number) => `py_lib.${n}` },
  { ecosystem: 'Go', prefix: 'GO', range: 'SEMVER', name: (n: number) => `github.com/org${n % 300}/mod${n}` },
  { ecosystem: 'Maven', prefix: 'GHSA', range: 'ECOSYSTEM', name: (n: number) => `org.example${n % 400}:artifact-${n}` },
  { ecosystem: 'Debian:12', prefix: 'DEBIAN-CVE', range: 'ECOSYSTEM', name: (n: number) => `libdeb${n}` },
  { ecosystem: 'crates.io', prefix: 'RUSTSEC', range: 'SEMVER', name: (n: number) => `crate_${n}` },
] as const;
const PACKAGES_PER_ECOSYSTEM = 6000;

/** A deterministic pseudo-random sequence (so runs compare). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const LOREM = 'A flaw was found in the request parser that allows a remote attacker to cause excessive memory use or read data outside the intended buffer via a crafted input. ';

function record(index: number, next: () => number): { path: string; text: string; ecosystem: string; name: string } {
  const kind = ECOSYSTEMS[index % ECOSYSTEMS.length] ?? ECOSYSTEMS[0];
  const id = `${kind.prefix}-${2000 + (index % 25)}-${String(index).padStart(6, '0')}`;
  const name = kind.name(Math.floor(next() * PACKAGES_PER_ECOSYSTEM));
  const major = Math.floor(next() * 10);
  const fixed = `${major}.${Math.floor(next() * 20)}.${Math.floor(next() * 30)}`;
  const versions = kind.ecosystem === 'PyPI' ? Array.from({ length: 5 + Math.floor(next() * 40) }, (_, v) => `${major}.${Math.floor(v / 10)}.${v % 10}`) : undefined;
  const osv = {
    schema_version: '1.6.0',
    id,
    modified: new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 5 * 365 * 86_400_000)).toISOString(),
    published: '2019-06-01T00:00:00Z',
    aliases: [`CVE-${2000 + (index % 25)}-${10000 + index}`],
    summary: `Denial of service in ${name}`,
    details: LOREM.repeat(1 + Math.floor(next() * 5)),
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    affected: [
      {
        package: { ecosystem: kind.ecosystem, name },
        ranges: [{ type: kind.range, events: [{ introduced: major === 0 ? '0' : `${major}.0.0` }, { fixed }] }],
        ...(versions === undefined ? {} : { versions }),
        database_specific: { source: `https://example.org/advisories/${id}.json` },
      },
    ],
    references: [
      { type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/CVE-${2000 + (index % 25)}-${10000 + index}` },
      { type: 'FIX', url: `https://github.com/example/${index}/commit/${(index * 2654435761).toString(16)}` },
      { type: 'PACKAGE', url: `https://example.org/${encodeURIComponent(name)}` },
    ],
  };
  const folder = kind.ecosystem.replace(':', '-');
  return { path: join(folder, `${id}.json`), text: JSON.stringify(osv, null, 2), ecosystem: kind.ecosystem.split(':')[0] ?? kind.ecosystem, name };
}

/** Wall time and CPU time (user + system of this process): on a shared machine the CPU figure is the stable one. */
function row(label: string, start: number, cpu: NodeJS.CpuUsage, detail: string): string[] {
  const used = process.cpuUsage(cpu);
  return [label, `${(performance.now() - start).toFixed(0)} ms`, `${((used.user + used.system) / 1000).toFixed(0)} ms`, detail];
}

function timed<T>(label: string, rows: string[][], run: () => T, detail: (value: T) => string): T {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  rows.push(row(label, start, cpu, detail(value)));
  return value;
}

async function timedAsync<T>(label: string, rows: string[][], run: () => Promise<T>, detail: (value: T) => string): Promise<T> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  rows.push(row(label, start, cpu, detail(value)));
  return value;
}

const rows: string[][] = [['step', 'wall', 'cpu', '']];
rmSync(WORK, { recursive: true, force: true });
const next = random(42);
const generated = timed('generate + write files', rows, () => {
  const all = Array.from({ length: RECORDS }, (_, index) => record(index, next));
  for (const folder of new Set(all.map((item) => join(WORK, 'folder', item.path, '..')))) mkdirSync(folder, { recursive: true });
  for (const item of all) writeFileSync(join(WORK, 'folder', item.path), item.text);
  return all;
}, (all) => `${all.length} records, ${(all.reduce((sum, item) => sum + item.text.length, 0) / 1024 / 1024).toFixed(0)} MiB of JSON`);
const zip = join(WORK, 'all.zip');
timed('build zip', rows, () => writeFileSync(zip, buildZip(generated.map((item) => ({ name: item.path, data: item.text })))), () => `${(statSync(zip).size / 1024 / 1024).toFixed(1)} MiB`);

const folderDb = join(WORK, 'folder.db');
await timedAsync('import folder (fresh)', rows, () => importAdvisories(folderDb, [join(WORK, 'folder')]), (s) => `${s.imported} imported, ${s.skipped.length} skipped, db ${(statSync(folderDb).size / 1024 / 1024).toFixed(0)} MiB`);
const zipDb = join(WORK, 'zip.db');
await timedAsync('import zip (fresh)', rows, () => importAdvisories(zipDb, [zip]), (s) => `${s.imported} imported`);
await timedAsync('import zip again (incremental, all unchanged)', rows, () => importAdvisories(zipDb, [zip]), (s) => `${s.unchanged} unchanged`);

const database = openAdvisoryDatabase(zipDb);
const pick = random(7);
const queries = Array.from({ length: LOOKUPS }, () => generated[Math.floor(pick() * generated.length)] ?? generated[0]);
timed(`${LOOKUPS} advisoriesFor lookups`, rows, () => queries.reduce((found, query) => found + (query === undefined ? 0 : database.advisoriesFor(query.ecosystem, query.name).length), 0), (found) => `${found} records returned`);
timed(`${LOOKUPS} lookups of absent packages`, rows, () => queries.reduce((found, query) => found + (query === undefined ? 0 : database.advisoriesFor(query.ecosystem, `${query.name}-absent`).length), 0), (found) => `${found} records returned`);
database.close();
timed('open + status metadata', rows, () => {
  const opened = openAdvisoryDatabase(zipDb);
  const counts = opened.ecosystemCounts();
  opened.close();
  return counts;
}, (counts) => counts.map((count) => `${count.ecosystem} ${count.records}`).join(', '));

const widths = [0, 1, 2].map((column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
for (const cells of rows) console.log(cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : column < 3 ? cell.padStart(widths[column] ?? 0) : cell)).join('  '));
