// Where a secret scan's time goes, per thread: runs the CLI on a tree and samples every thread of
// the child from /proc (CPU time, time waiting for a CPU, minor page faults) every 10 ms.
// Run: node bench/secrets-threads.ts [--tree DIR] [--runs 1] [--workers 0,2] [--flags=--trace-gc].
// Never part of `npm test`.
// Linux only (/proc/<pid>/task/*/schedstat). Prints one block per run: each thread's span, on-CPU time,
// run-queue wait and page faults, a timeline (one character per 100 ms: the thread's share of a CPU),
// and the machine's idle CPU over the run (wall-clock gains need an idle core). V8Worker threads are
// V8's own (concurrent compilation, GC); WorkerThread is a text worker (src/scan/text-worker.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { tree: { type: 'string', default: '/dev/shm/palisade-secrets-tree-v2' }, runs: { type: 'string', default: '1' }, workers: { type: 'string', default: '0,2' }, flags: { type: 'string', default: '' } } });

interface ThreadSample {
  readonly name: string;
  readonly cpuNs: number;
  readonly waitNs: number;
  readonly minflt: number;
}

interface ThreadTrace {
  readonly tid: string;
  readonly name: string;
  firstMs: number;
  lastMs: number;
  last: ThreadSample;
  readonly first: ThreadSample;
  /** On-CPU ns per 100 ms bucket. */
  readonly buckets: number[];
}

function readSample(pid: number, tid: string): ThreadSample | undefined {
  try {
    const base = `/proc/${pid}/task/${tid}`;
    const [cpu = '0', wait = '0'] = readFileSync(`${base}/schedstat`, 'utf8').trim().split(' ');
    const stat = readFileSync(`${base}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name: readFileSync(`${base}/comm`, 'utf8').trim(), cpuNs: Number(cpu), waitNs: Number(wait), minflt: Number(fields[7]) };
  } catch {
    return undefined;
  }
}

function machineIdle(): { idle: number; total: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total };
}

async function traced(workers: string): Promise<void> {
  const argv = ['--max-semi-space-size=16', ...values.flags.split(' ').filter((flag) => flag !== ''), join(ROOT, 'bin', 'palisade.js'), 'scan', values.tree, '--scanners', 'secret', '--format', 'json', '--quiet', '--fail-on', 'none', '--output', '/dev/null'];
  const machine0 = machineIdle();
  const start = performance.now();
  const child = spawn(process.execPath, argv, { env: { ...process.env, PALISADE_WORKERS: workers }, stdio: 'inherit' });
  const pid = child.pid ?? 0;
  const threads = new Map<string, ThreadTrace>();
  const sample = (): void => {
    const now = performance.now() - start;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      const current = readSample(pid, tid);
      if (current === undefined) continue;
      const trace = threads.get(tid);
      if (trace === undefined) {
        threads.set(tid, { tid, name: current.name, firstMs: now, lastMs: now, first: current, last: current, buckets: [] });
        continue;
      }
      const bucket = Math.floor(now / 100);
      trace.buckets[bucket] = (trace.buckets[bucket] ?? 0) + current.cpuNs - trace.last.cpuNs;
      trace.last = current;
      trace.lastMs = now;
    }
  };
  const timer = setInterval(sample, 10);
  sample();
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const wall = performance.now() - start;
  const machine1 = machineIdle();
  const idleShare = (machine1.idle - machine0.idle) / Math.max(1, machine1.total - machine0.total);
  console.log(`\nPALISADE_WORKERS=${workers} ${values.flags}: wall ${(wall / 1000).toFixed(2)} s; machine idle ${(idleShare * 200).toFixed(0)}% of 2 CPUs over the run`);
  console.log('| thread | from s | to s | CPU s (seen) | run-queue wait s | minor faults | timeline (100 ms: . <25% - <50% + <75% # more) |');
  console.log('|---|---|---|---|---|---|---|');
  let cpu = 0;
  for (const trace of threads.values()) {
    const cpuNs = trace.last.cpuNs - (trace.name === 'MainThread' ? 0 : trace.first.cpuNs);
    cpu += cpuNs;
    if (cpuNs < 20e6) continue;
    const strip = Array.from({ length: Math.ceil(wall / 100) }, (_, index) => {
      const share = (trace.buckets[index] ?? 0) / 100e6;
      return share < 0.02 ? ' ' : share < 0.25 ? '.' : share < 0.5 ? '-' : share < 0.75 ? '+' : '#';
    }).join('');
    console.log(`| ${trace.name} ${trace.tid} | ${(trace.firstMs / 1000).toFixed(2)} | ${(trace.lastMs / 1000).toFixed(2)} | ${(cpuNs / 1e9).toFixed(2)} | ${((trace.last.waitNs - trace.first.waitNs) / 1e9).toFixed(2)} | ${trace.last.minflt - trace.first.minflt} | \`${strip}\` |`);
  }
  console.log(`threads' CPU in all: ${(cpu / 1e9).toFixed(2)} s`);
}

if (!existsSync(values.tree)) throw new Error(`no tree at ${values.tree}: run bench/secrets-peer.ts once to build it`);
for (let run = 0; run < Number(values.runs); run += 1) {
  for (const workers of values.workers.split(',')) await traced(workers);
}
