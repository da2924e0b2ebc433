// Benchmarks: Palisade beside a peer tool on the same input, in one run; prints ratios.
// Run: npm run bench [-- --runs 7]. Never part of `npm test`. Peers are installed into
// bench/.work on first use (npm registry, Debian packages); a missing peer is reported, not fatal.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work');
const CORPORA = join(ROOT, '..', 'shared', 'corpora');
const PALISADE = join(ROOT, 'bin', 'palisade.js');

interface Command {
  readonly label: string;
  readonly argv: readonly string[];
}

interface Case {
  readonly name: string;
  readonly input: string;
  readonly palisade: Command;
  readonly peers: readonly Command[];
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs));

function ensurePeers(): void {
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(join(WORK, 'node_modules', '.bin', 'dockerfilelint'))) {
    spawnSync('npm', ['install', '--prefix', WORK, '--no-audit', '--no-fund', '--ignore-scripts', 'dockerfilelint@1.8.0'], { stdio: 'ignore' });
  }
  if (spawnSync('yamllint', ['--version']).status !== 0 && process.getuid?.() === 0) {
    spawnSync('sh', ['-c', 'apt-get install -y -qq yamllint >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq yamllint)'], { stdio: 'ignore' });
  }
}

/** Copies corpus Dockerfiles into one folder each, named Dockerfile, so any tool recognises them. */
function prepareDockerfiles(): string {
  const out = join(WORK, 'dockerfiles');
  rmSync(out, { recursive: true, force: true });
  for (const name of readdirSync(join(CORPORA, 'dockerfiles'))) {
    if (name.endsWith('.json') || name.endsWith('.md')) continue;
    mkdirSync(join(out, name), { recursive: true });
    copyFileSync(join(CORPORA, 'dockerfiles', name), join(out, name, 'Dockerfile'));
  }
  return out;
}

function dockerfileList(dir: string): string[] {
  return readdirSync(dir).map((name) => join(dir, name, 'Dockerfile'));
}

/** Median wall time in ms of RUNS runs after one warm-up; undefined when the command cannot run. */
function time(command: Command): { ms: number; status: number | null } | undefined {
  const [file, ...args] = command.argv;
  if (file === undefined) return undefined;
  const warm = spawnSync(file, args, { stdio: 'ignore', maxBuffer: 1 << 30 });
  if (warm.error !== undefined) return undefined;
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = process.hrtime.bigint();
    spawnSync(file, args, { stdio: 'ignore', maxBuffer: 1 << 30 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)] ?? 0, status: warm.status };
}

function cases(): Case[] {
  const node = process.execPath;
  const dockerfilelint = join(WORK, 'node_modules', '.bin', 'dockerfilelint');
  const list: Case[] = [
    {
      name: 'start-up (--version)',
      input: '-',
      palisade: { label: 'palisade --version', argv: [node, '--max-semi-space-size=16', PALISADE, '--version'] },
      peers: [
        { label: 'node -e 0 (floor)', argv: [node, '-e', '0'] },
        { label: 'dockerfilelint --version', argv: [node, dockerfilelint, '--version'] },
        { label: 'yamllint --version', argv: ['yamllint', '--version'] },
      ],
    },
  ];
  if (!existsSync(CORPORA)) return list;
  const dockerfiles = prepareDockerfiles();
  list.push({
    name: 'Dockerfile corpus',
    input: `${readdirSync(dockerfiles).length} Dockerfiles`,
    palisade: { label: 'palisade scan --rules dockerfile -f json', argv: [node, '--max-semi-space-size=16', PALISADE, 'scan', dockerfiles, '--rules', 'dockerfile', '--format', 'json', '--quiet', '--fail-on', 'none'] },
    peers: [{ label: 'dockerfilelint (JSON)', argv: [node, dockerfilelint, '--output', 'json', ...dockerfileList(dockerfiles)] }],
  });
  list.push({
    name: 'Kubernetes corpus',
    input: `${readdirSync(join(CORPORA, 'k8s')).length - 2} manifest files`,
    palisade: { label: 'palisade scan --rules kubernetes -f json', argv: [node, '--max-semi-space-size=16', PALISADE, 'scan', join(CORPORA, 'k8s'), '--rules', 'kubernetes', '--format', 'json', '--quiet', '--fail-on', 'none'] },
    peers: [{ label: 'yamllint -f parsable (syntax and style only)', argv: ['yamllint', '-f', 'parsable', '-d', 'relaxed', join(CORPORA, 'k8s')] }],
  });
  return list;
}

ensurePeers();
process.stdout.write(`| case | input | command | median ms (${RUNS} runs) | ratio palisade / peer |\n|---|---|---|---|---|\n`);
for (const benchCase of cases()) {
  const ours = time(benchCase.palisade);
  process.stdout.write(`| ${benchCase.name} | ${benchCase.input} | ${benchCase.palisade.label} | ${ours === undefined ? 'failed' : ours.ms.toFixed(0)} | 1.00 |\n`);
  for (const peer of benchCase.peers) {
    const theirs = time(peer);
    const ratio = ours !== undefined && theirs !== undefined ? (ours.ms / theirs.ms).toFixed(2) : 'n/a';
    process.stdout.write(`| | | ${peer.label} | ${theirs === undefined ? 'not available' : theirs.ms.toFixed(0)} | ${ratio} |\n`);
  }
}
