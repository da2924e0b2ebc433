// SBOM benchmark: `palisade sbom` beside @cyclonedx/cyclonedx-npm on the same npm projects (this
// repository's root lockfile and examples/insecure-app): wall time and component parity (purls).
// Run: node bench/sbom.ts [--runs 5] [--peer-runs 3]. Never part of `npm test`. The peer is installed
// into bench/.work with npm (--ignore-scripts) on first use; when it cannot be installed, that is said.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const PALISADE = join(ROOT, 'bin', 'palisade.js');
const PEER = join(WORK, 'node_modules', '.bin', 'cyclonedx-npm');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'peer-runs': { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs));
const PEER_RUNS = Math.max(1, Number(values['peer-runs']));

interface Timing {
  /** Median wall time. */
  readonly ms: number;
  /** Median user + system CPU time (from /usr/bin/time; undefined without it): less sensitive to a busy machine than wall time. */
  readonly cpuMs: number | undefined;
  readonly output: string;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function median(samples: number[]): number {
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/** CPU seconds GNU time printed as the last stderr line (`CPU <user> <system>`). */
function cpuOf(stderr: string): number | undefined {
  const match = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  return match === null ? undefined : (Number(match[1]) + Number(match[2])) * 1000;
}

/** Median wall and CPU time of `runs` runs after one warm-up (whose stdout is kept); undefined when the command fails. */
function time(argv: readonly string[], cwd: string, runs: number): Timing | undefined {
  const [file, ...args] = argv;
  if (file === undefined) return undefined;
  const warm = spawnSync(file, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (warm.error !== undefined || warm.status !== 0) {
    process.stderr.write(`${argv.join(' ')} failed: ${warm.error?.message ?? warm.stderr}\n`);
    return undefined;
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const timed = GNU_TIME === undefined ? argv : [GNU_TIME, '-f', 'CPU %U %S', ...argv];
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(timed[0] ?? file, timed.slice(1), { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = cpuOf(result.stderr);
    if (used !== undefined) cpu.push(used);
  }
  return { ms: median(wall), cpuMs: cpu.length === 0 ? undefined : median(cpu), output: warm.stdout };
}

function ensurePeer(): boolean {
  if (existsSync(PEER)) return true;
  mkdirSync(WORK, { recursive: true });
  spawnSync('npm', ['install', '--prefix', WORK, '--no-audit', '--no-fund', '--ignore-scripts', '@cyclonedx/cyclonedx-npm@6'], { stdio: 'ignore' });
  return existsSync(PEER);
}

/** A folder holding only the project's package.json and package-lock.json, so both tools see the same input. */
function prepare(name: string, source: string): string {
  const target = join(WORK, 'sbom', name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(source, file), join(target, file));
  return target;
}

/** Whether bin/palisade.js knows the `sbom` command yet (the lead wires it into main.ts). */
function wired(): boolean {
  return spawnSync(process.execPath, ['--max-semi-space-size=16', PALISADE, 'sbom', '--help'], { stdio: 'ignore' }).status === 0;
}

/** `palisade sbom` through the bin, or (until it is wired) through sbomCommand in a fresh Node process with the bin's flags. */
function palisadeArgv(project: string): string[] {
  if (wired()) return [process.execPath, '--max-semi-space-size=16', PALISADE, 'sbom', project];
  const entry = `import module from 'node:module'; module.enableCompileCache?.(); const { sbomCommand } = await import(${JSON.stringify(join(ROOT, 'src', 'cli', 'sbom.ts'))}); const { processIo } = await import(${JSON.stringify(join(ROOT, 'src', 'cli', 'io.ts'))}); process.exitCode = await sbomCommand([${JSON.stringify(project)}], processIo());`;
  return [process.execPath, '--max-semi-space-size=16', '--input-type=module', '-e', entry];
}

/** Every component purl (nested too), qualifiers dropped: cyclonedx-npm adds `vcs_url`/`download_url` for non-registry packages. */
function purls(text: string): Set<string> {
  const found = new Set<string>();
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const component of components) {
      if (typeof component !== 'object' || component === null) continue;
      if ('purl' in component && typeof component.purl === 'string') found.add(component.purl.replace(/\?.*$/, ''));
      if ('components' in component) visit(component.components);
    }
  };
  const document: unknown = JSON.parse(text);
  if (typeof document === 'object' && document !== null && 'components' in document) visit(document.components);
  return found;
}

function show(timing: Timing | undefined, missing: string): string {
  if (timing === undefined) return missing;
  return `${timing.ms.toFixed(0)} / ${timing.cpuMs?.toFixed(0) ?? '?'}`;
}

const projects = [
  { name: 'palisade repository root', source: ROOT },
  { name: 'examples/insecure-app', source: join(ROOT, 'examples', 'insecure-app') },
];
const peerAvailable = ensurePeer();
const viaBin = wired();
process.stdout.write(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs\n`);
process.stdout.write(`palisade sbom runs ${viaBin ? 'through bin/palisade.js' : 'through sbomCommand in a child process (not yet wired into main.ts)'}\n\n`);
// The floor: Node starting and exiting with nothing to do (the same flags as the bin).
const floor = time([process.execPath, '--max-semi-space-size=16', '-e', '0'], ROOT, RUNS);
process.stdout.write(`node start-up alone: ${show(floor, 'failed')} ms wall / CPU (median of ${RUNS})\n\n`);
process.stdout.write(`| project | components (palisade / cyclonedx-npm / common) | palisade ms wall / CPU (median of ${RUNS}) | cyclonedx-npm ms wall / CPU (median of ${PEER_RUNS}) | ratio (wall) |\n|---|---|---|---|---|\n`);
for (const { name, source } of projects) {
  if (!existsSync(join(source, 'package-lock.json'))) continue;
  const project = prepare(name.replace(/[^a-z0-9]+/gi, '-'), source);
  const ours = time(palisadeArgv(project), project, RUNS);
  const theirs = peerAvailable ? time([process.execPath, PEER, '--package-lock-only', '--output-format', 'JSON', '--output-file', '-'], project, PEER_RUNS) : undefined;
  const a = ours === undefined ? new Set<string>() : purls(ours.output);
  const b = theirs === undefined ? new Set<string>() : purls(theirs.output);
  const common = [...a].filter((purl) => b.has(purl)).length;
  const ratio = ours !== undefined && theirs !== undefined ? (ours.ms / theirs.ms).toFixed(2) : 'n/a';
  process.stdout.write(`| ${name} | ${a.size} / ${theirs === undefined ? 'n/a' : b.size} / ${common} | ${show(ours, 'failed')} | ${show(theirs, 'not available')} | ${ratio} |\n`);
  const onlyOurs = [...a].filter((purl) => !b.has(purl));
  const onlyTheirs = [...b].filter((purl) => !a.has(purl));
  if (theirs !== undefined && (onlyOurs.length > 0 || onlyTheirs.length > 0)) process.stdout.write(`|   only palisade: ${onlyOurs.slice(0, 5).join(' ') || '-'}; only cyclonedx-npm: ${onlyTheirs.slice(0, 5).join(' ') || '-'} | | | | |\n`);
}
