// Secret detection beside secretlint (recommended preset) on the same tree, in one run.
// Run: node bench/secrets-peer.ts [--tree DIR] [--skip-peer] [--runs 3]. Never part of `npm test`.
// Palisade runs on one thread and with worker threads in alternation, `--runs` times each; the rows
// give medians (the machine is shared: wall-clock times need an idle core, CPU times are steadier).
// bench/secrets-threads.ts shows where each thread's time goes.
// The tree (200+ MB of real text: this repo's node_modules without native binaries, C headers,
// Python's and Perl's libraries) is copied to /dev/shm when it exists, so that both tools are
// measured on CPU, not on the virtual disk. secretlint is installed into bench/.work on first use.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const { values } = parseArgs({ options: { tree: { type: 'string' }, 'skip-peer': { type: 'boolean' }, runs: { type: 'string', default: '3' } } });
const SOURCES = [join(ROOT, 'node_modules'), '/usr/include', '/usr/lib/python3.11', '/usr/share/perl'];
/** Native binaries and WASM runtimes in node_modules are not "source" and secretlint would read them whole. */
const SKIP = /\/node_modules\/(?:node|node-linux-[^/]+|@typescript\/native-preview[^/]*|@esbuild|esbuild)(?:\/|$)/;

function buildTree(): string {
  // v2: symbolic links are left out (they pointed out of the tree, e.g. at the 117 MB node binary,
  // and counted as bytes that no scanner reads).
  const tree = values.tree ?? join(existsSync('/dev/shm') ? '/dev/shm' : WORK, 'palisade-secrets-tree-v2');
  if (existsSync(join(tree, '.complete'))) return tree;
  rmSync(tree, { recursive: true, force: true });
  for (const source of SOURCES.filter((dir) => existsSync(dir))) {
    cpSync(source, join(tree, source.replaceAll('/', '_')), { recursive: true, dereference: false, filter: (path) => !SKIP.test(path) && !lstatSync(path).isSymbolicLink() });
  }
  mkdirSync(join(tree, '.complete'));
  return tree;
}

/** Bytes of the regular files in the tree (lstat: a link is not followed, nor counted). */
function treeBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (stats?.isFile() === true) total += stats.size;
  }
  return total;
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
  readonly status: number | null;
}

/** Wall, user+system CPU and peak RSS through /usr/bin/time. */
function measure(argv: readonly string[], env: Readonly<Record<string, string>> = {}, cwd = ROOT): Timing {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [wall = NaN, user = NaN, system = NaN, rss = NaN] = last.split(' ').map(Number);
  return { wall, cpu: user + system, rssMb: rss / 1024, status: result.status };
}

function ensureSecretlint(): string | undefined {
  const bin = join(WORK, 'node_modules', '.bin', 'secretlint');
  if (!existsSync(bin)) spawnSync('npm', ['install', '--prefix', WORK, '--no-audit', '--no-fund', '--ignore-scripts', 'secretlint@13', '@secretlint/secretlint-rule-preset-recommend@13'], { stdio: 'ignore' });
  return existsSync(bin) ? bin : undefined;
}

const tree = buildTree();
const mb = treeBytes(tree) / 1024 / 1024;
const palisade = [process.execPath, '--max-semi-space-size=16', join(ROOT, 'bin', 'palisade.js'), 'scan', tree, '--scanners', 'secret', '--format', 'json', '--quiet', '--fail-on', 'none', '--output', join(WORK, 'secrets-peer.json')];
// Both modes named explicitly: by default the worker count follows the machine's load (workers.ts).
const modes: [string, Record<string, string>][] = [
  ['palisade, one thread (PALISADE_WORKERS=0)', { PALISADE_WORKERS: '0' }],
  ['palisade, worker threads (PALISADE_WORKERS=2)', { PALISADE_WORKERS: '2' }],
];
const runs = new Map<string, Timing[]>(modes.map(([label]) => [label, []]));
for (let run = 0; run < Number(values.runs); run += 1) {
  for (const [label, env] of modes) runs.get(label)?.push(measure(palisade, env));
}
const median = (numbers: readonly number[]): number => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;
const rows: [string, Timing][] = [...runs].map(([label, timings]) => [
  `${label}, median of ${timings.length}`,
  { wall: median(timings.map((timing) => timing.wall)), cpu: median(timings.map((timing) => timing.cpu)), rssMb: median(timings.map((timing) => timing.rssMb)), status: timings[0]?.status ?? null },
]);
const secretlint = values['skip-peer'] === true ? undefined : ensureSecretlint();
if (secretlint !== undefined) {
  const config = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
  rows.push(['secretlint 13, recommended preset', measure([process.execPath, secretlint, '--secretlintrcJSON', config, '--format', 'compact', '--no-color', '--no-gitignore', `${tree}/**/*`], {}, WORK)]);
}
const base = rows.at(-1)?.[1] ?? { wall: NaN, cpu: NaN };
console.log(`tree: ${tree}, ${mb.toFixed(1)} MB in all files\n`);
console.log('| tool | wall s | CPU s | MB/s (wall) | MB/s per CPU second | peak RSS MB | wall / secretlint | CPU / secretlint |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [label, timing] of rows) {
  console.log(`| ${label} | ${timing.wall.toFixed(2)} | ${timing.cpu.toFixed(2)} | ${(mb / timing.wall).toFixed(1)} | ${(mb / timing.cpu).toFixed(1)} | ${timing.rssMb.toFixed(0)} | ${secretlint === undefined ? 'n/a' : (timing.wall / base.wall).toFixed(3)} | ${secretlint === undefined ? 'n/a' : (timing.cpu / base.cpu).toFixed(3)} |`);
}
