// Re-match benchmark (issue 11): 1,000 stored image SBOMs (200 npm packages each, CycloneDX JSON,
// gzip in the watch store) × an advisory database update (+1% advisories): the pass that re-matches
// every stored SBOM and records only the new alerts, with no image read. Single process (the
// default, in-process jobs) beside 2 `palisade worker` processes taking the re-match jobs (chunks of
// 100 SBOMs) from BullMQ on a real Redis, on the same SQLite store (and on PostgreSQL with --postgres).
// Prints wall-clock ms and CPU ms of every process involved (watcher + workers, from /proc).
// Run: node bench/watch.ts [--images 1000] [--packages 200] [--advisories 20000] [--postgres].
// Needs redis-server (and postgresql with --postgres). Never part of `npm test`.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importAdvisories } from '../src/vuln/db/index.ts';
import { openWatchStore } from '../src/watch/open-store.ts';
import { queueRunner } from '../src/watch/queue.ts';
import type { WatchPassResult } from '../src/watch/run.ts';
import { runWatchPass } from '../src/watch/run.ts';
import type { WatchStore } from '../src/watch/store.ts';
import type { ServerFixture } from '../test/watch/servers.ts';
import { postgresMissing, redisMissing, startPostgres, startRedis } from '../test/watch/servers.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '1000' }, packages: { type: 'string', default: '200' }, advisories: { type: 'string', default: '20000' }, postgres: { type: 'boolean', default: false } } });
const IMAGES = Number(values.images);
const PACKAGES = Number(values.packages);
const ADVISORIES = Number(values.advisories);
const NAMES = 5000;
const CHUNK = 100;
const WORK = join(import.meta.dirname, '.work', 'watch');
const ENTRY = join(import.meta.dirname, '..', 'test', 'watch', 'worker-entry.ts');
const TICKS = 100; // USER_HZ of /proc/<pid>/stat

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

function writeAdvisories(folder: string, count: number, offset: number): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const major = pick(5);
    const record = { schema_version: '1.6.0', id: `GHSA-bench-${offset + i}`, modified: '2026-11-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: `package-${pick(NAMES)}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${pick(20)}.${pick(10)}` }] }] }] };
    writeFileSync(join(folder, `GHSA-bench-${offset + i}.json`), JSON.stringify(record));
  }
}

/** user + system CPU ms of a process, from /proc (children not yet waited for are not included). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

function startWorker(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [ENTRY, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (stderr.includes('taking jobs from')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
  });
}

interface Row {
  readonly mode: string;
  readonly pass: WatchPassResult;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function measure(mode: string, store: WatchStore, databasePath: string, workers: readonly ChildProcess[], redisUrl?: string): Promise<Row> {
  const runner = redisUrl === undefined ? undefined : await queueRunner(redisUrl);
  const pids = workers.map((worker) => worker.pid ?? 0);
  const cpuBefore = process.cpuUsage();
  const workersBefore = pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const start = performance.now();
  const pass = await runWatchPass({ store, repositories: [], databasePath, sinks: [], fetch: {}, now: new Date(), ...(runner === undefined ? {} : { runner, chunkSize: CHUNK }), owner: 'bench' });
  const wallMs = performance.now() - start;
  const own = process.cpuUsage(cpuBefore);
  const workersAfter = pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  await runner?.close();
  return { mode, pass, wallMs, cpuMs: (own.user + own.system) / 1000 + workersAfter - workersBefore };
}

async function fillStore(location: string): Promise<WatchStore> {
  const store = await openWatchStore(location);
  state = 42;
  const now = new Date('2026-11-27T12:00:00Z');
  for (let image = 0; image < IMAGES; image += 1) await store.putImage(`sha256:${image.toString(16).padStart(64, '0')}`, sbom(image), now);
  return store;
}

const missing = redisMissing() || (values.postgres ? postgresMissing() : false);
if (missing !== false) {
  process.stderr.write(`bench/watch.ts ${missing}\n`);
  process.exit(1);
}
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
const servers: ServerFixture[] = [];
const children: ChildProcess[] = [];
try {
  const redis = await startRedis();
  servers.push(redis);
  const postgres = values.postgres ? await startPostgres() : undefined;
  if (postgres !== undefined) servers.push(postgres);
  state = 7;
  writeAdvisories(join(WORK, 'advisories'), ADVISORIES, 0);
  writeAdvisories(join(WORK, 'update'), Math.round(ADVISORIES / 100), ADVISORIES);
  const setups = [
    { mode: 'single process (SQLite)', store: join(WORK, 'single.db'), workers: 0 },
    { mode: '2 workers (Redis, SQLite)', store: join(WORK, 'queued.db'), workers: 2 },
    ...(postgres === undefined ? [] : [{ mode: '2 workers (Redis, PostgreSQL)', store: postgres.url, workers: 2 }]),
  ];
  const rows: Row[] = [];
  for (const [index, setup] of setups.entries()) {
    const databasePath = join(WORK, `advisories-${index}.db`);
    await importAdvisories(databasePath, [join(WORK, 'advisories')], { replace: true });
    const store = await fillStore(setup.store);
    const args = ['--queue', redis.url, '--store', setup.store, '--db', databasePath];
    const workers = await Promise.all(Array.from({ length: setup.workers }, () => startWorker(args)));
    children.push(...workers);
    const queue = setup.workers === 0 ? undefined : redis.url;
    rows.push(await measure(`${setup.mode}: first match`, store, databasePath, workers, queue));
    await importAdvisories(databasePath, [join(WORK, 'advisories'), join(WORK, 'update')], { replace: true });
    rows.push(await measure(`${setup.mode}: after a database update (+1%)`, store, databasePath, workers, queue));
    for (const worker of workers) worker.kill('SIGTERM');
    await store.close();
  }
  process.stdout.write(`${IMAGES} stored SBOMs × ${PACKAGES} packages, ${ADVISORIES} advisories\n\n| mode / pass | jobs | new alerts | wall ms | CPU ms (all processes) | CPU ms in the jobs |\n|---|---:|---:|---:|---:|---:|\n`);
  for (const row of rows) process.stdout.write(`| ${row.mode} | ${row.pass.jobs} | ${row.pass.alerts.length} | ${row.wallMs.toFixed(0)} | ${row.cpuMs.toFixed(0)} | ${row.pass.matchCpuMs.toFixed(0)} |\n`);
  const problems = rows.flatMap((row) => row.pass.problems);
  if (problems.length > 0) process.stderr.write(`problems: ${problems.slice(0, 5).join('; ')}\n`);
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const server of servers) await server.stop();
}
