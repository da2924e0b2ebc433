// Dockerfile benchmark: CPU time (user+sys) and wall time of `palisade scan` and of the peer `dockerfilelint` on the
// Dockerfile corpus, in one run, plus where Palisade's own time goes (in-process phases).
// Palisade runs twice: as installed (what users run: the compiled dist/ and its bundle, built into
// bench/.work/installed the way `npm run build` builds them) and from the checkout (TypeScript sources).
// Both run with the V8 flags of bin/palisade.js's shebang (and those the launcher sets at run time), as
// the `palisade` command does.
// Run: node bench/dockerfile.ts [--runs 5] [--no-build]. Never part of `npm test`. Needs
// ../shared/corpora/dockerfiles; dockerfilelint is installed into bench/.work on first use (as bench/run.ts does).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTALLED, PALISADE, prepareInstalled, shebangFlags } from './installed.ts';
import type { Artifact } from '../src/core/index.ts';
import { createSourceDocument } from '../src/core/index.ts';
import { dockerfileAnalyzer, dockerfileRules } from '../src/dockerfile/index.ts';
import type { DockerfileArtifact } from '../src/dockerfile/model.ts';
import { shellRuns } from '../src/dockerfile/shell/index.ts';
import { runRules } from '../src/scan/run-rules.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'dockerfiles');
const DOCKERFILELINT = join(WORK, 'node_modules', '.bin', 'dockerfilelint');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } } });
const RUNS = Math.max(1, Number(values.runs));

/** Preloaded into each child (both are Node programs): writes the process's CPU time at exit. */
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.getBuiltinModule('node:fs').writeFileSync(process.env.CPU_PROBE_FILE,String((u.user+u.system)/1000))})`;

function prepare(): string {
  const out = join(WORK, 'dockerfile-corpus');
  rmSync(out, { recursive: true, force: true });
  for (const name of readdirSync(CORPUS)) {
    if (name.endsWith('.json') || name.endsWith('.md')) continue;
    mkdirSync(join(out, name), { recursive: true });
    copyFileSync(join(CORPUS, name), join(out, name, 'Dockerfile'));
  }
  return out;
}

/** One Dockerfile of the corpus alone: what a scan costs before its per-file work (module loading, settings). */
function prepareOne(corpus: string): string {
  const out = join(WORK, 'dockerfile-one');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const first = readdirSync(corpus).sort()[0] ?? '';
  copyFileSync(join(corpus, first, 'Dockerfile'), join(out, 'Dockerfile'));
  return out;
}

function ensurePeer(): boolean {
  if (!existsSync(DOCKERFILELINT)) {
    mkdirSync(WORK, { recursive: true });
    spawnSync('npm', ['install', '--prefix', WORK, '--no-audit', '--no-fund', '--ignore-scripts', 'dockerfilelint@1.8.0'], { stdio: 'ignore' });
  }
  return existsSync(DOCKERFILELINT);
}

/** Median CPU ms (user+sys) and wall ms of one command. */
interface Timing {
  readonly cpu: number;
  readonly wall: number;
}

/**
 * Median CPU and wall ms of each command over RUNS runs (after one warm-up run each). The commands take
 * turns (A B C, A B C, …), so that a change in the machine's load hits all of them alike.
 */
function timings(commands: readonly (readonly string[])[]): Timing[] {
  const probeFile = join(tmpdir(), `palisade-cpu-${process.pid}`);
  const cpu = commands.map((): number[] => []);
  const wall = commands.map((): number[] => []);
  for (let run = 0; run <= RUNS; run += 1) {
    commands.forEach((argv, index) => {
      const started = performance.now();
      spawnSync(process.execPath, ['--import', PROBE, ...argv], { stdio: 'ignore', env: { ...process.env, CPU_PROBE_FILE: probeFile }, maxBuffer: 1 << 30 });
      if (run === 0) return;
      wall[index]?.push(performance.now() - started);
      cpu[index]?.push(Number(readFileSync(probeFile, 'utf8')));
    });
  }
  rmSync(probeFile, { force: true });
  return commands.map((_, index) => ({ cpu: median(cpu[index] ?? []), wall: median(wall[index] ?? []) }));
}

function median(list: readonly number[]): number {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
}

function isDockerfile(artifact: Artifact): artifact is DockerfileArtifact {
  return artifact.kind === 'dockerfile' && 'stages' in artifact;
}

/** In-process CPU ms of each phase over the corpus (median of RUNS passes; the first pass warms up). */
function phases(dir: string): Record<string, number> {
  const documents = readdirSync(dir).map((name) => createSourceDocument(`${name}/Dockerfile`, readFileSync(join(dir, name, 'Dockerfile'), 'utf8')));
  const totals: Record<string, number[]> = { parse: [], shell: [], rules: [] };
  for (let run = 0; run <= RUNS; run += 1) {
    let cpu = process.cpuUsage();
    const lap = (name: string): void => {
      const used = process.cpuUsage(cpu);
      if (run > 0) totals[name]?.push((used.user + used.system) / 1000);
      cpu = process.cpuUsage();
    };
    const artifacts: Artifact[] = documents.flatMap((document) => dockerfileAnalyzer.analyze(document).artifacts);
    lap('parse');
    for (const artifact of artifacts) if (isDockerfile(artifact)) shellRuns(artifact);
    lap('shell');
    runRules(artifacts, dockerfileRules);
    lap('rules');
  }
  return Object.fromEntries(Object.entries(totals).map(([name, list]) => [name, median(list)]));
}

if (!existsSync(CORPUS)) {
  process.stdout.write('skipped: ../shared/corpora/dockerfiles is absent\n');
  process.exit(0);
}
const dir = prepare();
const files = readdirSync(dir).length;
const list = readdirSync(dir).map((name) => join(dir, name, 'Dockerfile'));
const peer = ensurePeer();
const one = prepareOne(dir);
const flags = shebangFlags();
const bundled = prepareInstalled(values['no-build'] === true);
const scan = (launcher: string, target: string): string[] => [...flags, launcher, 'scan', target, '--rules', 'dockerfile', '--format', 'json', '--quiet', '--fail-on', 'none', '-o', '/dev/null'];
const launcher = join(INSTALLED, 'bin', 'palisade.js');
const peerRuns = (paths: readonly string[]): string[] => [DOCKERFILELINT, '--output', 'json', ...paths];
// `--version` loads no TypeScript at all: the start-up that counts is a scan of one Dockerfile.
const none: Timing = { cpu: Number.NaN, wall: Number.NaN };
const [installed = none, checkout = none, theirs = none] = timings([scan(launcher, dir), scan(PALISADE, dir), ...(peer ? [peerRuns(list)] : [])]);
const [installedStart = none, checkoutStart = none, floor = none, theirStart = none] = timings([
  scan(launcher, one),
  scan(PALISADE, one),
  ['-e', '0'],
  ...(peer ? [peerRuns([join(one, 'Dockerfile')])] : []),
]);
const row = (label: string, total: Timing, start: Timing): string =>
  `| ${label} | ${total.cpu.toFixed(0)} | ${total.wall.toFixed(0)} | ${start.cpu.toFixed(0)} | ${((total.cpu - start.cpu) / (files - 1)).toFixed(2)} | ${(total.cpu / theirs.cpu).toFixed(2)}, ${(total.wall / theirs.wall).toFixed(2)} |\n`;
process.stdout.write(`Dockerfile corpus: ${files} files, medians of ${RUNS} runs; node -e 0: ${floor.cpu.toFixed(0)} ms CPU, ${floor.wall.toFixed(0)} ms wall; Palisade's flags: ${flags.join(' ')}\n`);
process.stdout.write(`Goal line of issue 3, Node start-up plus 1 ms per file: ${(floor.cpu + files).toFixed(0)} ms CPU\n\n`);
process.stdout.write('| command | CPU ms | wall ms | one-file run CPU ms | CPU ms per further file | ratio to dockerfilelint (CPU, wall) |\n|---|---|---|---|---|---|\n');
process.stdout.write(row(`palisade scan --rules dockerfile -f json (installed${bundled ? ', bundled' : ', no bundle: scripts/bundle.ts failed'})`, installed, installedStart));
process.stdout.write(row('palisade scan --rules dockerfile -f json (checkout, TypeScript)', checkout, checkoutStart));
process.stdout.write(peer ? row('dockerfilelint --output json', theirs, theirStart) : '| dockerfilelint | not available | | | | |\n');
const phase = phases(dir);
process.stdout.write(`\nIn process (warm, ${files} files): ${Object.entries(phase).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}\n`);
