// Kubernetes manifests benchmark: 10,000 objects (the shared corpus ../shared/corpora/k8s repeated)
// scanned with every Kubernetes rule and schema validation, beside yamllint (Debian package), which
// only parses and lints the same files. Palisade runs with the V8 flags of bin/palisade.js's shebang, as
// the `palisade` command does. Prints objects per second (wall clock, and per CPU second of the process,
// which a busy machine disturbs less) and the ratios.
// Palisade runs as installed (what users run: the compiled dist/ and its bundle, built into
// bench/.work/installed as bench/dockerfile.ts builds it) and from the checkout (TypeScript sources).
// Run: node bench/kubernetes.ts [--objects 10000] [--runs 3] [--no-build]. Never part of `npm test`.
// Inputs are generated under bench/.work/k8s-objects (git-ignored); yamllint is installed with apt
// when missing and the bench runs as root, otherwise its row says "not available".
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTALLED, PALISADE, prepareInstalled, shebangFlags } from './installed.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'k8s');

const { values } = parseArgs({ options: { objects: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false } } });
const WANTED = Math.max(1, Number(values.objects));
const RUNS = Math.max(1, Number(values.runs));

interface CorpusFile {
  readonly file: string;
  readonly objects: number;
}

/** The corpus files and their object counts (from the corpus index: one `kinds` entry per object). */
function corpusFiles(): CorpusFile[] {
  const index: unknown = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8'));
  if (!Array.isArray(index)) throw new Error('corpus index.json is not an array');
  return index.flatMap((entry: unknown): CorpusFile[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const file: unknown = Reflect.get(entry, 'file');
    const kinds: unknown = Reflect.get(entry, 'kinds');
    return typeof file === 'string' && Array.isArray(kinds) ? [{ file, objects: kinds.length }] : [];
  });
}

/** Copies the corpus into copy-NNN folders until `wanted` objects are reached; returns the tree and its counts. */
function prepareTree(wanted: number): { dir: string; objects: number; files: number } {
  const files = corpusFiles();
  const dir = join(WORK, `k8s-objects-${wanted}`);
  const stamp = join(dir, '.counts.json');
  if (existsSync(stamp)) return { dir, ...readCounts(stamp) };
  rmSync(dir, { recursive: true, force: true });
  let objects = 0;
  let copied = 0;
  for (let copy = 0; objects < wanted; copy += 1) {
    const folder = join(dir, `copy-${String(copy).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (const entry of files) {
      if (objects >= wanted) break;
      copyFileSync(join(CORPUS, entry.file), join(folder, entry.file));
      objects += entry.objects;
      copied += 1;
    }
  }
  writeFileSync(stamp, JSON.stringify({ objects, files: copied }));
  return { dir, objects, files: copied };
}

function readCounts(stamp: string): { objects: number; files: number } {
  const counts: unknown = JSON.parse(readFileSync(stamp, 'utf8'));
  const objects: unknown = typeof counts === 'object' && counts !== null ? Reflect.get(counts, 'objects') : undefined;
  const files: unknown = typeof counts === 'object' && counts !== null ? Reflect.get(counts, 'files') : undefined;
  return { objects: typeof objects === 'number' ? objects : 0, files: typeof files === 'number' ? files : 0 };
}

/** One manifest of the corpus alone (its first file): what a scan costs before its per-object work. */
function prepareOne(): string {
  const dir = join(WORK, 'k8s-objects-one');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const first = corpusFiles().map((entry) => entry.file).sort()[0] ?? '';
  copyFileSync(join(CORPUS, first), join(dir, first));
  return dir;
}

function ensureYamllint(): void {
  if (spawnSync('yamllint', ['--version']).status === 0 || process.getuid?.() !== 0) return;
  spawnSync('sh', ['-c', 'apt-get install -y -qq yamllint >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq yamllint)'], { stdio: 'ignore' });
}

interface Timing {
  readonly ms: number;
  readonly samples: readonly number[];
  /** Median CPU time (user + system) of the runs, from /proc (Linux); undefined elsewhere. */
  readonly cpuMs: number | undefined;
  readonly status: number | null;
}

/** CPU time of this process's waited-for children (user + system), in ms; undefined without /proc. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime) are at 13 and 14 after the command name; ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Runs {
  readonly samples: number[];
  readonly cpu: number[];
  status: number | null;
  failed: boolean;
}

/**
 * Median wall and CPU time of each command over RUNS runs. `warmUp`: one unmeasured run of each first,
 * so Node's compile cache holds the type-stripped modules, as on every run after the first one after an install.
 */
function time(commands: readonly (readonly string[])[], warmUp = false): (Timing | undefined)[] {
  if (warmUp) for (const [file = '', ...args] of commands) spawnSync(file, args, { stdio: 'ignore', maxBuffer: 1 << 30 });
  const runs = commands.map((): Runs => ({ samples: [], cpu: [], status: null, failed: false }));
  // The commands take turns (A B, A B, …), so that a change in the machine's load hits them alike.
  for (let run = 0; run < RUNS; run += 1) {
    commands.forEach(([file = '', ...args], index) => {
      const record = runs[index];
      if (record === undefined || record.failed) return;
      const start = process.hrtime.bigint();
      const cpuBefore = childrenCpuMs();
      const result = spawnSync(file, args, { stdio: 'ignore', maxBuffer: 1 << 30 });
      record.failed = result.error !== undefined;
      record.samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      const cpuAfter = childrenCpuMs();
      if (cpuBefore !== undefined && cpuAfter !== undefined) record.cpu.push(cpuAfter - cpuBefore);
      record.status = result.status;
    });
  }
  return runs.map(({ samples, cpu, status, failed }) => (failed ? undefined : { ms: median(samples), samples, cpuMs: cpu.length === 0 ? undefined : median(cpu), status }));
}

if (!existsSync(CORPUS)) {
  process.stdout.write(`skipped: ${CORPUS} is absent\n`);
  process.exit(0);
}
ensureYamllint();
const tree = prepareTree(WANTED);
const bundled = prepareInstalled(values['no-build'] === true);
const one = prepareOne();
const scan = (launcher: string, target: string): string[] => [process.execPath, ...shebangFlags(), launcher, 'scan', target, '--scanners', 'misconfig', '--rules', 'kubernetes', '--format', 'json', '--quiet', '--fail-on', 'none'];
const launcher = join(INSTALLED, 'bin', 'palisade.js');
const yamllint = ['yamllint', '-f', 'parsable', '-d', 'relaxed', tree.dir];
const [installed, ours] = time([scan(launcher, tree.dir), scan(PALISADE, tree.dir)], true);
const [theirs] = time([yamllint]);
const [installedOne, oursOne] = time([scan(launcher, one), scan(PALISADE, one)], true);
const rate = (timing: Timing | undefined, ms: number | undefined): string => (timing === undefined || ms === undefined ? 'n/a' : (tree.objects / (ms / 1000)).toFixed(0));
const wall = (timing: Timing | undefined): string => (timing === undefined ? 'not available' : `${timing.ms.toFixed(0)} (${timing.samples.map((sample) => sample.toFixed(0)).join(', ')})`);
const cpu = (timing: Timing | undefined): string => (timing?.cpuMs === undefined ? 'n/a' : timing.cpuMs.toFixed(0));
const ratio = (mine: number | undefined, peer: number | undefined): string => (mine === undefined || peer === undefined ? 'n/a' : (mine / peer).toFixed(2));
const row = (label: string, timing: Timing | undefined, startUp: Timing | undefined): string =>
  `| ${label} (exit ${timing?.status ?? '-'}) | ${wall(timing)} | ${rate(timing, timing?.ms)} | ${cpu(timing)} | ${rate(timing, timing?.cpuMs)} | ${cpu(startUp)} | ${ratio(timing?.ms, theirs?.ms)}, ${ratio(timing?.cpuMs, theirs?.cpuMs)} |\n`;
process.stdout.write(`input: ${tree.objects} objects in ${tree.files} files (${tree.dir}); ${RUNS} runs, medians\n\n`);
process.stdout.write('| command | wall ms (runs) | objects/s (wall) | CPU ms | objects/s (CPU) | one-file run CPU ms | ratio to peer (wall, CPU) |\n|---|---|---|---|---|---|---|\n');
process.stdout.write(row(`palisade scan --scanners misconfig --rules kubernetes -f json (installed${bundled ? ', bundled' : ', no bundle: scripts/bundle.ts failed'})`, installed, installedOne));
process.stdout.write(row('palisade scan --scanners misconfig --rules kubernetes -f json (checkout, TypeScript)', ours, oursOne));
process.stdout.write(`| yamllint -f parsable -d relaxed (parse and lint only) | ${wall(theirs)} | ${rate(theirs, theirs?.ms)} | ${cpu(theirs)} | ${rate(theirs, theirs?.cpuMs)} | | 1.00 |\n`);
