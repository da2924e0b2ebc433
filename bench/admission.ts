// Admission webhook benchmark: AdmissionReviews at fixed rates (200, 500 and 1,000 requests/s) to
// `palisade admission serve` (every rule of the default packs, 50 ValidatingAdmissionPolicies: the
// exported CEL twins of the built-in rules, topped up with generated ones, and a cached image verifier)
// and, in the same run, to a bare node:https handler that parses the body and admits (the floor).
// Three kinds of process: this one only orchestrates; each server runs in its own child; the load
// generator runs in a third child. The generator is open-loop: request i is sent at start + i/rate on a
// few keep-alive connections (queued when all are busy) and its latency is counted from that scheduled
// time, so a slow server cannot slow the generator down (no coordinated omission). The first `--warmup`
// seconds of each rate are sent but not counted. autocannon (on 127.0.0.1, also from the generator's
// process) measures the unthrottled throughput; its own fixed-rate mode is not used for the rates: it sends
// each connection's quota for the second in a burst at the start of each second, and corrects for
// coordinated omission with a 1 ms expected interval, which adds synthetic slow samples (decision 0034-e).
// Server CPU time (user+sys) is reported per request, since wall-clock latency on a shared machine is noisy,
// with the server's garbage collections during each rate (count, total and longest pause, major ones).
// `--decisions N` first times N calls of the decision alone (parse the body, `decide`) in this process.
// `--cpu-prof DIR` writes a V8 CPU profile of the webhook's process (the whole run) into DIR.
// `--trace-gc` makes the webhook's process print V8's one line per garbage collection (pauses in ms).
// Both servers run with the V8 flags of the CLI's launcher (read from the shebang of bin/palisade.js).
// Run: node bench/admission.ts [--duration 10] [--warmup 2] [--rates 200,500,1000] [--connections 4]
// [--decisions 2000] [--cpu-prof DIR] [--trace-gc] [--servers bare,palisade]. Never part of `npm test`.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { loadAdmissionEngine } from '../src/admission/engine.ts';
import { CachingImageVerifier } from '../src/admission/image-verifier.ts';
import { decide } from '../src/admission/decide.ts';
import { admissionManifests } from '../src/admission/manifests.ts';
import { parseAdmissionReview } from '../src/admission/review.ts';
import { startAdmissionServer } from '../src/admission/server.ts';
import { hasOpenssl, makeCertificates } from '../src/admission/test-certs.ts';
import { kubernetesRules } from '../src/kubernetes/index.ts';
import { exportValidatingAdmissionPolicies } from '../src/policy/export/index.ts';
import type { LoadPlan, LoadResult } from './admission-load.ts';
import { isLoadResult, paced, unthrottled } from './admission-load.ts';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work', 'admission');
const POLICY_COUNT = 50;
/** The V8 flags of the CLI's launcher (the shebang of bin/palisade.js), so the webhook runs as `palisade admission serve` does. */
const CLI_V8_FLAGS: readonly string[] = launcherFlags(readFileSync(join(ROOT, 'bin', 'palisade.js'), 'utf8'));

/** `#!/usr/bin/env -S node --a --b` → `['--a', '--b']`. */
function launcherFlags(launcher: string): string[] {
  const words = (launcher.split('\n', 1)[0] ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rates: { type: 'string', default: '200,500,1000' },
    connections: { type: 'string', default: '4' },
    decisions: { type: 'string', default: '0' },
    servers: { type: 'string', default: 'bare,palisade' },
    'cpu-prof': { type: 'string' },
    'trace-gc': { type: 'boolean', default: false },
    serve: { type: 'string' },
    load: { type: 'string' },
  },
});

type ServerKind = 'palisade' | 'bare';

async function palisadeEngine(): Promise<Awaited<ReturnType<typeof loadAdmissionEngine>>> {
  const engine = await loadAdmissionEngine({ root: WORK, policies: [join(WORK, 'policies')], skipRules: ['require-network-policy'] });
  if (engine.compiled.policies.length !== POLICY_COUNT) throw new Error(`expected ${POLICY_COUNT} policies, compiled ${engine.compiled.policies.length}`);
  return engine;
}

/** CPU milliseconds per decision (parse the body, decide, as the server does) over `count` decisions, after a warm-up. */
async function decisionCpu(body: string, count: number): Promise<number> {
  const engine = await palisadeEngine();
  const settings = { mode: 'enforce' as const, imageVerifier: new CachingImageVerifier({ verify: async () => ({ verified: true }) }) };
  const once = async (): Promise<void> => {
    const review = parseAdmissionReview(JSON.parse(body));
    if (!review.ok) throw new Error(review.message);
    await decide(engine, review.request, settings, { now: new Date(), signal: AbortSignal.timeout(4000) });
  };
  for (let index = 0; index < Math.min(500, count); index += 1) await once();
  const before = process.resourceUsage();
  for (let index = 0; index < count; index += 1) await once();
  const after = process.resourceUsage();
  return (after.userCPUTime + after.systemCPUTime - before.userCPUTime - before.systemCPUTime) / 1000 / count;
}

/** What a server child answers when asked (cumulative, except the longest pause: since the previous question). */
interface ServerUsage {
  readonly cpuMicros: number;
  readonly gcCount: number;
  readonly gcMs: number;
  readonly gcMaxMs: number;
  readonly gcMajor: number;
}

function isServerUsage(value: unknown): value is ServerUsage {
  return typeof value === 'object' && value !== null && ['cpuMicros', 'gcCount', 'gcMs', 'gcMaxMs', 'gcMajor'].every((key) => key in value);
}

/** A mark-compact (full) collection, from a `gc` performance entry's detail. */
function isMajorGc(detail: unknown): boolean {
  return typeof detail === 'object' && detail !== null && 'kind' in detail && detail.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR;
}

/** Child process: runs one server and answers CPU-usage questions over IPC. */
async function serveChild(kind: ServerKind): Promise<void> {
  const tls = { certPath: join(WORK, 'tls.crt'), keyPath: join(WORK, 'tls.key') };
  let port: number;
  if (kind === 'palisade') {
    const engine = await palisadeEngine();
    const imageVerifier = new CachingImageVerifier({ verify: async () => ({ verified: true }) });
    const server = await startAdmissionServer({ engine, decision: { mode: 'enforce', imageVerifier }, tls, port: 0, host: '127.0.0.1', maxInFlight: 1024 });
    port = server.port;
  } else {
    const server = createServer({ cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const review: unknown = text === '' ? undefined : JSON.parse(text); // GET /healthz has no body
        const uid = typeof review === 'object' && review !== null && 'request' in review && typeof review.request === 'object' && review.request !== null && 'uid' in review.request ? review.request.uid : '';
        const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      });
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0;
  }
  const gc = { count: 0, ms: 0, maxMs: 0, major: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.ms += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if ('detail' in entry && isMajorGc(entry.detail)) gc.major += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message: unknown) => {
    // 'exit' ends the process normally, so that --cpu-prof writes its profile.
    if (message === 'exit') process.exit(0);
    const usage = process.resourceUsage();
    const answer: ServerUsage = { cpuMicros: usage.userCPUTime + usage.systemCPUTime, gcCount: gc.count, gcMs: gc.ms, gcMaxMs: gc.maxMs, gcMajor: gc.major };
    gc.maxMs = 0; // the longest pause since the previous question
    process.send?.(answer);
  });
  process.send?.({ port });
}

function prepare(): string {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'policies'), { recursive: true });
  makeCertificates(WORK);
  const exported = exportValidatingAdmissionPolicies(kubernetesRules).exported.slice(0, POLICY_COUNT);
  const documents: unknown[] = exported.map((pair) => pair.policy);
  for (let index = documents.length; index < POLICY_COUNT; index += 1) {
    documents.push({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: `generated-${index}` },
      spec: {
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
        validations: [{ expression: `object.spec.template.spec.containers.all(c, !c.image.endsWith(":forbidden-${index}")) && object.spec.replicas <= ${100 + index}`, message: `generated policy ${index}` }],
      },
    });
  }
  writeFileSync(join(WORK, 'policies', 'policies.json'), documents.map((document) => JSON.stringify(document)).join('\n---\n'));
  const deployment = parseAllDocuments(admissionManifests({ trust: { kind: 'cert-manager' }, namespace: 'shop' }))
    .map((document): unknown => document.toJS())
    .find((object) => typeof object === 'object' && object !== null && 'kind' in object && object.kind === 'Deployment');
  const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'bench', operation: 'CREATE', namespace: 'shop', object: deployment, userInfo: { username: 'bench' } } });
  writeFileSync(join(WORK, 'body.json'), body);
  return body;
}

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

async function startChild(kind: ServerKind): Promise<Child> {
  const profile = values['cpu-prof'];
  const diagnostics = kind !== 'palisade' ? [] : [...(profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profile]), ...(values['trace-gc'] ? ['--trace-gc'] : [])];
  const execArgv = [...CLI_V8_FLAGS, ...diagnostics];
  const child = fork(import.meta.filename, ['--serve', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const port = await new Promise<number>((resolvePort, rejectPort) => {
    child.once('message', (message: unknown) => resolvePort(typeof message === 'object' && message !== null && 'port' in message && typeof message.port === 'number' ? message.port : 0));
    child.once('exit', (code) => rejectPort(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    process: child,
    port,
    usage: () =>
      new Promise((resolveUsage, rejectUsage) => {
        child.once('message', (message: unknown) => (isServerUsage(message) ? resolveUsage(message) : rejectUsage(new Error(`${kind} server sent no usage`))));
        child.send('usage');
      }),
    stop: () =>
      new Promise((resolveStop) => {
        child.once('exit', () => resolveStop());
        child.send('exit');
      }),
  };
}

/** Child process: the load generator; runs one plan and sends the result back. */
function loadChild(): void {
  const plan: LoadPlan = JSON.parse(values.load ?? '{}');
  const body = readFileSync(join(WORK, 'body.json'));
  const run = plan.rate === undefined ? unthrottled(plan, body) : paced({ ...plan, rate: plan.rate }, body);
  void run.then((result) => process.send?.(result, () => process.exit(0)));
}

/** Runs one plan in a new generator process. */
function generate(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(import.meta.filename, ['--load', JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  return new Promise((resolveResult, rejectResult) => {
    child.once('message', (message: unknown) => (isLoadResult(message) ? resolveResult(message) : rejectResult(new Error('the load generator sent no result'))));
    child.once('exit', (code) => rejectResult(new Error(`the load generator exited with ${code}`)));
  });
}

interface Row extends LoadResult {
  readonly server: string;
  readonly rate: string;
  readonly serverCpu: number;
  /** The server's garbage collections during the rate: count, pauses in total and the longest, full ones. */
  readonly gcCount: number;
  readonly gcMs: number;
  readonly gcMaxMs: number;
  readonly gcMajor: number;
}

/**
 * Waits until the server answers `/healthz`: requests of an earlier rate that the generator gave up on
 * may still be queued in it, and must not be counted in the next rate's latencies or CPU time.
 */
function drained(port: number): Promise<void> {
  return new Promise((resolveDrained) => {
    const request = httpsRequest({ host: '127.0.0.1', port, path: '/healthz', method: 'GET', rejectUnauthorized: false }, (response) => {
      response.resume();
      response.on('end', () => resolveDrained());
    });
    request.on('error', () => resolveDrained());
    request.end();
  });
}

async function measure(kind: ServerKind, child: Child, plan: LoadPlan): Promise<Row> {
  await drained(child.port);
  const before = await child.usage();
  const result = await generate(plan);
  const after = await child.usage();
  const cpu = after.cpuMicros - before.cpuMicros;
  const gc = { gcCount: after.gcCount - before.gcCount, gcMs: after.gcMs - before.gcMs, gcMaxMs: after.gcMaxMs, gcMajor: after.gcMajor - before.gcMajor };
  return { ...result, ...gc, server: kind, rate: plan.rate === undefined ? 'max' : String(plan.rate), serverCpu: result.sent === 0 ? 0 : cpu / 1000 / result.sent };
}

function format(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

async function main(): Promise<void> {
  if (!hasOpenssl()) {
    process.stdout.write('admission benchmark: needs the Debian package openssl (for the test certificates)\n');
    return;
  }
  const startLoad = loadavg().map((value) => value.toFixed(1)).join(' ');
  const body = prepare();
  const decisions = Math.max(0, Number(values.decisions));
  if (decisions > 0) process.stdout.write(`decision alone (parse + decide, in process): ${(await decisionCpu(body, decisions)).toFixed(3)} CPU ms/request over ${decisions} requests\n`);
  const seconds = Math.max(1, Number(values.duration));
  const warmupSeconds = Math.max(0, Number(values.warmup));
  const connections = Math.max(1, Number(values.connections));
  const rates = values.rates.split(',').map(Number).filter((rate) => rate > 0);
  const kinds = values.servers.split(',').filter((kind): kind is ServerKind => kind === 'bare' || kind === 'palisade');
  const rows: Row[] = [];
  for (const kind of kinds) {
    const child = await startChild(kind);
    await generate({ port: child.port, rate: 500, seconds: 4, warmupSeconds: 0, connections }); // JIT warm-up
    for (const rate of [...rates, undefined]) rows.push(await measure(kind, child, { port: child.port, rate, seconds, warmupSeconds: rate === undefined ? 0 : warmupSeconds, connections }));
    await child.stop();
  }
  if (rows.length === 0) return;
  const endLoad = loadavg().map((value) => value.toFixed(1)).join(' ');
  process.stdout.write(`admission webhook, 127.0.0.1, ${POLICY_COUNT} policies + default rules, body ${body.length} bytes, ${seconds} s per rate after ${warmupSeconds} s of warm-up, ${connections} connections, open loop (max: autocannon, closed loop), load average ${startLoad} at the start, ${endLoad} at the end\n`);
  process.stdout.write('server    rate/s  p50 ms  p99 ms  max ms  achieved/s  errors  server CPU ms/req  client CPU ms/req  GCs (full)  GC ms  longest GC ms\n');
  for (const row of rows) {
    process.stdout.write(`${row.server.padEnd(9)} ${row.rate.padStart(6)}  ${format(row.p50, 1, 6)}  ${format(row.p99, 1, 6)}  ${format(row.max, 1, 6)}  ${format(row.achieved, 0, 10)}  ${String(row.errors).padStart(6)}  ${format(row.serverCpu, 3, 17)}  ${format(row.clientCpu, 3, 17)}  ${`${row.gcCount} (${row.gcMajor})`.padStart(10)}  ${format(row.gcMs, 0, 5)}  ${format(row.gcMaxMs, 1, 13)}\n`);
  }
  for (const rate of rates) {
    const bare = rows.find((row) => row.server === 'bare' && row.rate === String(rate));
    const ours = rows.find((row) => row.server === 'palisade' && row.rate === String(rate));
    if (bare === undefined || ours === undefined) continue;
    process.stdout.write(`at ${rate}/s the webhook over the bare handler: p50 ${format(ours.p50 / bare.p50, 2, 0)}x, p99 ${format(ours.p99 / bare.p99, 2, 0)}x (+${format(ours.p99 - bare.p99, 1, 0)} ms)\n`);
  }
}

if (values.serve === 'palisade' || values.serve === 'bare') await serveChild(values.serve);
else if (values.load !== undefined) loadChild();
else await main();
