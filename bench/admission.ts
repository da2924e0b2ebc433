// Admission webhook benchmark: autocannon (devDependency) on 127.0.0.1 sends AdmissionReviews at fixed
// rates (200, 500 and 1,000 requests/s) to `palisade admission serve` (every rule of the default packs,
// 50 ValidatingAdmissionPolicies: the exported CEL twins of the built-in rules, topped up with generated
// ones, and a cached image verifier) and, in the same run, to a bare node:https handler that parses the
// body and admits. Each server runs in its own child process; its CPU time (user+sys) is reported per
// request, since wall-clock latency on a shared machine is noisy. Prints p50/p99 latency and throughput.
// `--decisions N` first times N calls of the decision alone (parse the body, `decide`) in this process
// and prints its CPU time per request.
// Run: node bench/admission.ts [--duration 10] [--rates 200,500,1000] [--decisions 2000]. Never part of `npm test`.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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

/** The part of autocannon's API used here (it ships no type declarations). */
interface AutocannonResult {
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly requests: { readonly average: number; readonly total: number };
  readonly errors: number;
  readonly non2xx: number;
  readonly timeouts: number;
}
type Autocannon = (options: Readonly<Record<string, unknown>>) => Promise<AutocannonResult>;
const autocannon: Autocannon = createRequire(import.meta.url)('autocannon');

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', '.work', 'admission');
const POLICY_COUNT = 50;
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, rates: { type: 'string', default: '200,500,1000' }, decisions: { type: 'string', default: '0' }, serve: { type: 'string' } } });

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
        const review: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
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
  process.on('message', () => {
    const usage = process.resourceUsage();
    process.send?.({ cpuMicros: usage.userCPUTime + usage.systemCPUTime });
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
  cpuMicros(): Promise<number>;
}

async function startChild(kind: ServerKind): Promise<Child> {
  const child = fork(import.meta.filename, ['--serve', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolvePort, rejectPort) => {
    child.once('message', (message: unknown) => resolvePort(typeof message === 'object' && message !== null && 'port' in message && typeof message.port === 'number' ? message.port : 0));
    child.once('exit', (code) => rejectPort(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    process: child,
    port,
    cpuMicros: () =>
      new Promise((resolveCpu) => {
        child.once('message', (message: unknown) => resolveCpu(typeof message === 'object' && message !== null && 'cpuMicros' in message && typeof message.cpuMicros === 'number' ? message.cpuMicros : 0));
        child.send('usage');
      }),
  };
}

interface Row {
  readonly server: string;
  readonly rate: string;
  readonly p50: number;
  readonly p99: number;
  readonly throughput: number;
  readonly errors: number;
  readonly cpuPerRequest: number;
}

async function load(child: Child, body: string, rate: number | undefined, seconds: number): Promise<Omit<Row, 'server'>> {
  const before = await child.cpuMicros();
  const result = await autocannon({
    url: `https://127.0.0.1:${child.port}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 32,
    duration: seconds,
    ...(rate === undefined ? {} : { overallRate: rate }),
    tlsOptions: { rejectUnauthorized: false },
  });
  const cpu = (await child.cpuMicros()) - before;
  const answered = result.requests.total;
  return {
    rate: rate === undefined ? 'max' : String(rate),
    p50: result.latency.p50,
    p99: result.latency.p99,
    throughput: result.requests.average,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuPerRequest: answered === 0 ? 0 : cpu / 1000 / answered,
  };
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
  const rates = values.rates.split(',').map(Number).filter((rate) => rate > 0);
  const rows: Row[] = [];
  for (const kind of ['bare', 'palisade'] as const) {
    const child = await startChild(kind);
    await load(child, body, 200, 4); // warm-up (JIT)
    for (const rate of [...rates, undefined]) rows.push({ server: kind, ...(await load(child, body, rate, seconds)) });
    child.process.kill();
  }
  const endLoad = loadavg().map((value) => value.toFixed(1)).join(' ');
  process.stdout.write(`admission webhook, 127.0.0.1, ${POLICY_COUNT} policies + default rules, body ${body.length} bytes, ${seconds} s per rate, 32 connections, load average ${startLoad} at the start, ${endLoad} at the end\n`);
  process.stdout.write('server    rate/s  p50 ms  p99 ms  achieved/s  errors  CPU ms/request\n');
  for (const row of rows) {
    process.stdout.write(`${row.server.padEnd(9)} ${row.rate.padStart(6)}  ${row.p50.toFixed(1).padStart(6)}  ${row.p99.toFixed(1).padStart(6)}  ${row.throughput.toFixed(0).padStart(10)}  ${String(row.errors).padStart(6)}  ${row.cpuPerRequest.toFixed(3).padStart(14)}\n`);
  }
}

if (values.serve === 'palisade' || values.serve === 'bare') await serveChild(values.serve);
else await main();
