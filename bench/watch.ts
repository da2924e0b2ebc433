// Re-match benchmark (issue 11): 1,000 stored image SBOMs (200 npm packages each, CycloneDX JSON,
// gzip in the watch store) matched against an advisory set, then again after a "database update"
// that adds advisories: only the new alerts come out, and no image is read again. Single process;
// the BullMQ worker split is still to come. Prints CPU ms per pass.
// Run: node bench/watch.ts [--images 1000] [--packages 200] [--advisories 20000]. Never part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemorySource } from '../src/vuln/match/index.ts';
import type { OsvRecord } from '../src/vuln/osv.ts';
import { rematch } from '../src/watch/rematch.ts';
import { WatchStore } from '../src/watch/store.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '1000' }, packages: { type: 'string', default: '200' }, advisories: { type: 'string', default: '20000' } } });
const IMAGES = Number(values.images);
const PACKAGES = Number(values.packages);
const ADVISORIES = Number(values.advisories);
const NAMES = 5000;

let state = 42;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n: number): number => Math.floor(rand() * n);

function sbom(image: number): string {
  const components = Array.from({ length: PACKAGES }, () => {
    const name = `package-${pick(NAMES)}`;
    const version = `${pick(5)}.${pick(20)}.${pick(10)}`;
    return { type: 'library', 'bom-ref': `pkg:npm/${name}@${version}`, name, version, purl: `pkg:npm/${name}@${version}` };
  });
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { component: { type: 'container', name: `image-${image}` } }, components });
}

function advisories(count: number, offset: number): OsvRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const major = pick(5);
    return {
      id: `GHSA-bench-${offset + i}`,
      modified: '2026-11-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: `package-${pick(NAMES)}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${pick(20)}.${pick(10)}` }] }] }],
    };
  });
}

function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-watch-'));
try {
  const store = new WatchStore(join(dir, 'watch.db'));
  const now = new Date('2026-11-27T12:00:00Z');
  const fill = cpuMs(() => {
    for (let image = 0; image < IMAGES; image += 1) store.putImage(`sha256:${image.toString(16).padStart(64, '0')}`, sbom(image), now);
  });
  const base = advisories(ADVISORIES, 0);
  const first = cpuMs(() => rematch(store, createMemorySource(base), now));
  const same = cpuMs(() => rematch(store, createMemorySource(base), now));
  const update = [...base, ...advisories(Math.round(ADVISORIES / 100), ADVISORIES)];
  const updated = cpuMs(() => rematch(store, createMemorySource(update), now));
  process.stdout.write(`| pass | images | advisories | matched | new alerts | CPU ms |\n|---|---:|---:|---:|---:|---:|\n`);
  process.stdout.write(`| store ${IMAGES} SBOMs (${PACKAGES} packages each) | ${IMAGES} | – | – | – | ${fill.ms.toFixed(0)} |\n`);
  for (const [label, pass, count] of [['first match', first, base.length], ['same database again', same, base.length], ['after an update (+1%)', updated, update.length]] as const) {
    process.stdout.write(`| ${label} | ${pass.result.images} | ${count} | ${pass.result.matched} | ${pass.result.alerts.length} | ${pass.ms.toFixed(0)} |\n`);
  }
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
