// Issue 14: interruption tests. `db import`, `db update` (against a local HTTP mirror), the image
// layer cache, `kit import` and the watcher's SQLite store run in child processes that are killed
// with SIGKILL at random points, 100 times in all. After each kill the previous state is intact:
// the database opens and holds the old or the new complete state, never a mix; a run that was not
// killed succeeds, and a last run after the kills succeeds and leaves no temporary files behind.
// Children are tiny entry scripts (`node -e`) importing only the module under test, to keep the
// 100 runs within a minute on two cores; a seeded generator picks the kill points (INTERRUPTION_SEED).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createKit } from '../src/kit/index.ts';
import { buildZip, osvRecord } from '../src/vuln/db/__fixtures__/zip-writer.ts';
import { importAdvisories } from '../src/vuln/db/index.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = mkdtempSync(join(tmpdir(), 'palisade-interruption-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

/** Kills per scenario: 100 in all. */
const KILLS = { dbImport: 25, dbUpdate: 20, layerCache: 20, kitImport: 20, watchStore: 15 } as const;

const seed = Number(process.env['INTERRUPTION_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** xorshift32: reproducible kill points for one seed; each scenario has its own (they run two at a time). */
function generator(offset: number): () => number {
  let state = (seed + offset) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function moduleUrl(path: string): string {
  return pathToFileURL(join(ROOT, path)).href;
}

interface ChildRun {
  readonly killed: boolean;
  readonly code: number | null;
  readonly stderr: string;
  /** Milliseconds from "ready" to the end (exit or kill). */
  readonly workMs: number;
}

/**
 * Runs `script` (ES module source) in a child; it prints `ready` when its imports are loaded and
 * before it starts the work. The child is SIGKILLed `killAfterMs` after `ready` (never when undefined).
 */
function runChild(script: string, env: Readonly<Record<string, string>>, killAfterMs: number | undefined): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // The compile cache keeps the 100 children from stripping and compiling the same modules again.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] ?? '', HOME: WORK, NODE_COMPILE_CACHE: join(WORK, 'compile-cache'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let readyAt = 0;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (readyAt !== 0 || !stdout.includes('ready\n')) return;
      readyAt = Date.now();
      if (killAfterMs !== undefined) {
        timer = setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', code, stderr, workMs: readyAt === 0 ? 0 : Date.now() - readyAt });
    });
  });
}

/** Runs the scenario's child `kills` times with random kill points, checking the state after each, then once to the end. */
async function interrupt(name: string, kills: number, random: () => number, script: () => string, env: Readonly<Record<string, string>>, check: (run: ChildRun, iteration: number) => void, finalCheck: () => void): Promise<{ killed: number; completed: number }> {
  const calibration = await runChild(script(), env, undefined);
  assert.equal(calibration.code, 0, `${name}: the first, uninterrupted run failed: ${calibration.stderr}`);
  check(calibration, -1);
  // Kill points are uniform over a typical run's duration, which follows the runs that completed
  // (the first run is slower: the compile cache is cold); runs go on until `kills` were killed.
  let typical = Math.max(calibration.workMs, 20);
  let killed = 0;
  let completed = 0;
  for (let iteration = 0; killed < kills && iteration < kills * 4; iteration += 1) {
    const at = Math.floor(random() * typical);
    const run = await runChild(script(), env, at);
    if (run.killed) killed += 1;
    else {
      assert.equal(run.code, 0, `${name}: run ${iteration} (seed ${seed}) was not killed and failed: ${run.stderr}`);
      completed += 1;
      typical = Math.max((typical + run.workMs) / 2, 20);
    }
    check(run, iteration);
  }
  assert.equal(killed, kills, `${name}: only ${killed} of ${kills} runs could be killed before they finished`);
  const last = await runChild(script(), env, undefined);
  assert.equal(last.code, 0, `${name}: the run after the kills (seed ${seed}) failed: ${last.stderr}`);
  check(last, kills);
  finalCheck();
  return { killed, completed };
}

function integrity(path: string): void {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const verdict = db.prepare('PRAGMA integrity_check').all().map((row) => String(row['integrity_check']));
    assert.deepEqual(verdict, ['ok'], `${path} fails its integrity check (seed ${seed})`);
  } finally {
    db.close();
  }
}

function leftovers(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)) : [];
}

// --- advisory sets: A-* and B-* records, as zips -------------------------------------------------

const RECORDS = 200;

function advisoryZip(prefix: string, count: number, modified = '2024-01-01T00:00:00Z'): Buffer {
  const entries = Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${index}.json`, data: osvRecord(`${prefix}-${index}`, { modified, affected: [{ package: { ecosystem: 'PyPI', name: `pkg-${prefix}-${index % 50}` }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] }] }] }) }));
  return buildZip(entries);
}

/** Counts of records by id prefix (A, B), or undefined when the database does not exist. */
function advisoryCounts(path: string): { A: number; B: number; total: number } | undefined {
  if (!existsSync(path)) return undefined;
  integrity(path);
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const count = (pattern: string): number => Number(db.prepare('SELECT count(*) AS n FROM records WHERE id LIKE ?').get(pattern)?.['n'] ?? -1);
    const indexed = Number(db.prepare('SELECT count(DISTINCT rid) AS n FROM affected').get()?.['n'] ?? -1);
    const total = count('%');
    assert.equal(indexed, total, `${path}: ${total} records but ${indexed} indexed (seed ${seed})`);
    return { A: count('A-%'), B: count('B-%'), total };
  } finally {
    db.close();
  }
}

type AdvisoryState = { A: number; B: number; total: number } | undefined;

function sameState(actual: AdvisoryState, expected: AdvisoryState): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

describe(`interruption: SIGKILL at random points (seed ${seed}; INTERRUPTION_SEED replays)`, { concurrency: 2 }, () => {
  const zipA = join(WORK, 'A.zip');
  const zipB = join(WORK, 'B.zip');
  before(() => {
    writeFileSync(zipA, advisoryZip('A', RECORDS));
    writeFileSync(zipB, advisoryZip('B', RECORDS / 2));
  });

  it(`db import: ${KILLS.dbImport} kills; the database holds the old or the new complete set`, async (t) => {
    const random = generator(1);
    const db = join(WORK, 'import', 'advisories.db');
    const importUrl = moduleUrl('src/vuln/db/import.ts');
    let previous: AdvisoryState;
    let next: AdvisoryState;
    let plan = { input: zipA, replace: true };
    const script = (): string => {
      // Each run imports A or B, replacing the database or adding to it; the expected new state follows.
      const input = random() < 0.5 ? zipA : zipB;
      const replace = random() < 0.5;
      plan = { input, replace };
      const base = previous ?? { A: 0, B: 0, total: 0 };
      const added = input === zipA ? { A: RECORDS, B: replace ? 0 : base.B } : { A: replace ? 0 : base.A, B: RECORDS / 2 };
      next = { ...added, total: added.A + added.B };
      return `const { importAdvisories } = await import(${JSON.stringify(importUrl)});
process.stdout.write('ready\\n');
await importAdvisories(${JSON.stringify(db)}, [${JSON.stringify(plan.input)}], { replace: ${String(plan.replace)} });`;
    };
    const result = await interrupt('db import', KILLS.dbImport, random, script, {}, (run, iteration) => {
      const actual = advisoryCounts(db);
      const expected = run.killed ? [previous, next] : [next];
      assert.ok(expected.some((state) => sameState(actual, state)), `db import run ${iteration} (${run.killed ? 'killed' : 'completed'}, seed ${seed}): found ${JSON.stringify(actual)}, expected one of ${JSON.stringify(expected)}`);
      previous = actual;
    }, () => {
      assert.deepEqual(leftovers(join(WORK, 'import'), /\.tmp/), [], 'temporary databases left after a successful import');
    });
    t.diagnostic(`${result.killed} runs killed, ${result.completed} completed before their kill point`);
    assert.ok(result.killed > 0, 'no run was killed');
  });

  it(`db update: ${KILLS.dbUpdate} kills during download and import from a local mirror; the database holds the old or the new version`, async (t) => {
    const random = generator(2);
    const versions = [advisoryZip('A', RECORDS), advisoryZip('B', RECORDS / 2, '2024-02-02T00:00:00Z')];
    let version = 0;
    const server: Server = createServer((request, response) => {
      const body = versions[version] ?? Buffer.alloc(0);
      const etag = `"v${version}"`;
      if (request.url !== '/PyPI/all.zip') return void response.writeHead(404).end();
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      const range = /^bytes=(\d+)-$/.exec(request.headers['range'] ?? '');
      const start = range !== null && request.headers['if-range'] === etag ? Number(range[1]) : 0;
      if (start >= body.length && start > 0) return void response.writeHead(416).end();
      const headers = { etag, 'content-length': String(body.length - start), ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) };
      response.writeHead(start > 0 ? 206 : 200, headers);
      // Slow enough that kills land in the download as well as in the import.
      let offset = start;
      const pump = (): void => {
        if (offset >= body.length) return void response.end();
        const chunk = body.subarray(offset, offset + 8192);
        offset += chunk.length;
        response.write(chunk);
        setTimeout(pump, 2);
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const db = join(WORK, 'update', 'advisories.db');
    const updateUrl = moduleUrl('src/vuln/db/update.ts');
    const states: readonly AdvisoryState[] = [{ A: RECORDS, B: 0, total: RECORDS }, { A: RECORDS, B: RECORDS / 2, total: RECORDS * 1.5 }];
    let previous: AdvisoryState;
    let iterations = 0;
    const script = (): string => {
      // The mirror publishes a new version every third run (B-* records added with a newer modified).
      iterations += 1;
      if (iterations % 3 === 0) version = (version + 1) % 2;
      return `const { updateAdvisories } = await import(${JSON.stringify(updateUrl)});
process.stdout.write('ready\\n');
await updateAdvisories(${JSON.stringify(db)}, { mirror: 'http://127.0.0.1:${port}', ecosystems: ['PyPI'], retries: 2, backoffMs: 10, timeoutMs: 5000 });`;
    };
    try {
      const result = await interrupt('db update', KILLS.dbUpdate, random, script, {}, (run, iteration) => {
        const actual = advisoryCounts(db);
        // Version 0 holds A-*; version 1 adds B-* (newer): the database is A, then A and B, and never loses B.
        const allowed = actual === undefined ? previous === undefined : states.some((state) => sameState(actual, state)) && !(previous !== undefined && previous.B > 0 && actual.B === 0);
        assert.ok(allowed, `db update run ${iteration} (seed ${seed}): found ${JSON.stringify(actual)} after ${JSON.stringify(previous)}`);
        previous = actual;
      }, () => {
        assert.deepEqual(leftovers(join(WORK, 'update'), /\.tmp/), [], 'temporary databases left after a successful update');
      });
      t.diagnostic(`${result.killed} runs killed, ${result.completed} completed before their kill point`);
    assert.ok(result.killed > 0, 'no run was killed');
    } finally {
      server.close();
    }
  });

  it(`image layer cache: ${KILLS.layerCache} kills while layers are stored; every stored layer is complete`, async (t) => {
    const random = generator(3);
    const cache = join(WORK, 'cache', 'image-layers.sqlite');
    const storeUrl = moduleUrl('src/image/cache/store.ts');
    let round = 0;
    const script = (): string => {
      round += 1;
      // Layer L<round>-<n> holds n files; a later round rewrites some earlier layers with other contents.
      return `const { openLayerCache } = await import(${JSON.stringify(storeUrl)});
const cache = openLayerCache(${JSON.stringify(cache)});
process.stdout.write('ready\\n');
for (let n = 1; n <= 30; n += 1) {
  const digest = 'sha256:' + String(n % 25).padStart(64, '0');
  const files = new Map(Array.from({ length: n }, (_, i) => ['etc/f' + i, Buffer.alloc(2048, ${round % 251})]));
  cache.put(digest, 'key', { entries: [], files, findings: [], errors: [{ path: 'n', code: 'IMAGE_INVALID', message: String(n) }] });
}
cache.close();`;
    };
    const result = await interrupt('layer cache', KILLS.layerCache, random, script, {}, (run, iteration) => {
      if (!existsSync(cache)) return;
      integrity(cache);
      const db = new DatabaseSync(cache, { readOnly: true });
      try {
        for (const row of db.prepare('SELECT digest, errors FROM layers').all()) {
          const files = db.prepare('SELECT count(*) AS n, count(DISTINCT content) AS kinds FROM files WHERE digest = ?').get(String(row['digest']));
          const declared = Number(JSON.parse(String(row['errors']))[0]?.message);
          assert.equal(Number(files?.['n']), declared, `layer cache run ${iteration} (seed ${seed}): layer ${String(row['digest']).slice(-4)} has ${String(files?.['n'])} of its ${declared} files`);
          assert.equal(Number(files?.['kinds']), 1, `layer cache run ${iteration} (seed ${seed}): files of two writes mixed in one layer`);
        }
        const orphans = db.prepare('SELECT count(*) AS n FROM files WHERE digest NOT IN (SELECT digest FROM layers)').get();
        assert.equal(Number(orphans?.['n']), 0, `layer cache run ${iteration}: files without their layer`);
      } finally {
        db.close();
      }
    }, () => undefined);
    t.diagnostic(`${result.killed} runs killed, ${result.completed} completed before their kill point`);
    assert.ok(result.killed > 0, 'no run was killed');
  });

  it(`kit import: ${KILLS.kitImport} kills; the database and the kit folder are each one whole kit`, async (t) => {
    const random = generator(4);
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = { fingerprint: 'sha256:test', sign: (data: Uint8Array) => sign('sha256', data, keys.privateKey) };
    const kits: string[] = [];
    for (const [index, zip] of [zipA, zipB].entries()) {
      const source = join(WORK, `kit-source-${index}`);
      mkdirSync(join(source, 'policies'), { recursive: true });
      for (let file = 0; file < 10; file += 1) writeFileSync(join(source, 'policies', `p${file}.yaml`), `kind: ConfigMap\nmetadata: {name: kit${index}-${file}}\n`);
      await importAdvisories(join(source, 'advisories.db'), [zip]);
      const output = join(WORK, `kit-${index}.tar.zst`);
      await createKit({ output, sources: { databasePath: join(source, 'advisories.db'), policies: [join(source, 'policies')], schemas: [], trustRoots: [] }, signer, createdBy: 'palisade test', now: new Date('2026-11-27T12:00:00Z') });
      kits.push(output);
    }
    const target = join(WORK, 'kit-install');
    const db = join(target, 'advisories.db');
    const kitDir = join(target, 'kit');
    const publicPem = keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const kitUrl = moduleUrl('src/kit/index.ts');
    const script = (): string => {
      const kit = kits[random() < 0.5 ? 0 : 1] ?? '';
      return `const { readKit, installKit } = await import(${JSON.stringify(kitUrl)});
const { createPublicKey, verify } = await import('node:crypto');
const { rm } = await import('node:fs/promises');
const key = createPublicKey(${JSON.stringify(publicPem)});
process.stdout.write('ready\\n');
const kit = await readKit(${JSON.stringify(kit)}, (data, signature) => verify('sha256', data, key, signature), ${JSON.stringify(target)});
try {
  await installKit(kit, { databasePath: ${JSON.stringify(db)}, kitDir: ${JSON.stringify(kitDir)} });
} finally {
  await rm(kit.staging, { recursive: true, force: true });
}`;
    };
    let installed = false;
    const result = await interrupt('kit import', KILLS.kitImport, random, script, {}, (run, iteration) => {
      const counts = advisoryCounts(db);
      if (counts === undefined) {
        assert.ok(!installed, `kit import run ${iteration} (seed ${seed}): the installed database disappeared`);
        return;
      }
      installed = true;
      assert.ok(sameState(counts, { A: RECORDS, B: 0, total: RECORDS }) || sameState(counts, { A: 0, B: RECORDS / 2, total: RECORDS / 2 }), `kit import run ${iteration} (seed ${seed}): the database is not one kit's: ${JSON.stringify(counts)}`);
      const policies = join(kitDir, 'policies', 'policies');
      assert.ok(existsSync(policies), `kit import run ${iteration} (seed ${seed}): the kit folder ${kitDir} is missing after a kill`);
      const names = readdirSync(policies).sort();
      assert.equal(names.length, 10, `kit import run ${iteration} (seed ${seed}): ${names.length} of 10 policies`);
      const kinds = new Set(names.map((name) => readFileSync(join(policies, name), 'utf8').match(/kit(\d)-/)?.[1]));
      assert.equal(kinds.size, 1, `kit import run ${iteration} (seed ${seed}): policies of two kits mixed`);
    }, () => {
      assert.deepEqual(leftovers(target, /staging|\.next-|\.previous-|\.link-|\.tmp/), [], 'leftovers of killed imports remain after a successful one');
      assert.deepEqual(leftovers(target, /\.version-/), [readlinkSync(kitDir)], 'version folders other than the linked one remain after a successful import');
    });
    t.diagnostic(`${result.killed} runs killed, ${result.completed} completed before their kill point`);
    assert.ok(result.killed > 0, 'no run was killed');
  });

  it(`watch store: ${KILLS.watchStore} kills while images and alerts are recorded; each write is whole`, async (t) => {
    const random = generator(5);
    const path = join(WORK, 'watch', 'watch.db');
    const storeUrl = moduleUrl('src/watch/store-sqlite.ts');
    let round = 0;
    const script = (): string => {
      round += 1;
      return `const { SqliteWatchStore } = await import(${JSON.stringify(storeUrl)});
const store = new SqliteWatchStore(${JSON.stringify(path)});
process.stdout.write('ready\\n');
const now = new Date('2026-11-27T12:00:00Z');
for (let n = 0; n < 20; n += 1) {
  const digest = 'sha256:' + String(${round} * 100 + n).padStart(64, '0');
  await store.putImage(digest, JSON.stringify({ bomFormat: 'CycloneDX', components: Array.from({ length: 200 }, (_, i) => ({ name: 'c' + i })) }), now);
  await store.putReference({ reference: 'registry.example/app:' + n, digest }, now);
  await store.addAlerts(['CVE-1', 'CVE-2', 'CVE-3'].map((vulnerability) => ({ digest, vulnerability, package: 'pkg:npm/x@1', severity: 'high', details: { title: 't', message: 'm', fixedVersions: [] } })), now);
}
await store.close();`;
    };
    const result = await interrupt('watch store', KILLS.watchStore, random, script, {}, (run, iteration) => {
      if (!existsSync(path)) return;
      integrity(path);
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        const perDigest = db.prepare('SELECT digest, count(*) AS n FROM alerts GROUP BY digest').all();
        for (const row of perDigest) assert.equal(Number(row['n']), 3, `watch store run ${iteration} (seed ${seed}): ${String(row['n'])} of 3 alerts of one addAlerts call`);
        const images = db.prepare('SELECT count(*) AS n FROM images').get();
        assert.ok(Number(images?.['n']) >= perDigest.length, `watch store run ${iteration}: alerts for images not stored`);
      } finally {
        db.close();
      }
    }, () => undefined);
    t.diagnostic(`${result.killed} runs killed, ${result.completed} completed before their kill point`);
    assert.ok(result.killed > 0, 'no run was killed');
  });
});
