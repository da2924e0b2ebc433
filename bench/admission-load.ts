// The load generator of bench/admission.ts (it runs in a child process of its own): open-loop requests
// at a fixed rate with latency counted from each request's due time, or autocannon's closed loop.
import { Agent, request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
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

/** What the load generator is asked to do (passed as JSON in `--load`). */
export interface LoadPlan {
  readonly port: number;
  /** Requests per second; undefined: as fast as autocannon goes (closed loop). */
  readonly rate: number | undefined;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
}

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Counted (after the warm-up) requests per second. */
  readonly achieved: number;
  /** Requests sent, warm-up included (the server's CPU time is divided by it). */
  readonly sent: number;
  readonly errors: number;
  /** The generator's own CPU time per request. */
  readonly clientCpu: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/**
 * Open loop at a fixed rate: request i is due at start + i/rate and is sent when due (or queued by
 * the agent when all connections are busy); its latency runs from when it was due to the end of the
 * answer. Requests due in the first `warmupSeconds` are sent but not counted.
 */
export async function paced(plan: LoadPlan & { readonly rate: number }, body: Buffer): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections, rejectUnauthorized: false });
  const warm = Math.round(plan.rate * plan.warmupSeconds);
  const total = warm + Math.round(plan.rate * plan.seconds);
  const latencies = new Float64Array(total - warm);
  const interval = 1000 / plan.rate;
  let errors = 0;
  let pending = 0;
  let sent = 0;
  const cpuBefore = process.resourceUsage();
  const start = performance.now() + 20;
  // Answers still missing this long after the last request was due count as errors (and as infinitely slow).
  const giveUp = (warm + latencies.length) * interval + Math.max(5000, plan.seconds * 1000);
  latencies.fill(Number.POSITIVE_INFINITY);
  let answered = 0;
  await new Promise<void>((resolveAll) => {
    const timer = setTimeout(resolveAll, giveUp + 20);
    const finish = (index: number, due: number, ok: boolean): void => {
      if (index >= warm) latencies[index - warm] = performance.now() - due;
      if (!ok && index >= warm) errors += 1;
      if (index >= warm) answered += 1;
      pending -= 1;
      if (pending > 0 || sent < total) return;
      clearTimeout(timer);
      resolveAll();
    };
    const send = (index: number, due: number): void => {
      pending += 1;
      const request = httpsRequest({ host: '127.0.0.1', port: plan.port, path: '/validate', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
        response.resume();
        response.on('end', () => finish(index, due, response.statusCode === 200));
      });
      request.on('error', () => finish(index, due, false));
      request.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        send(sent, start + sent * interval);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  const cpuAfter = process.resourceUsage();
  agent.destroy();
  errors += latencies.length - answered;
  const measuredSeconds = (performance.now() - (start + warm * interval)) / 1000;
  latencies.sort();
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: percentile(latencies, 1),
    achieved: answered / measuredSeconds,
    sent: total,
    errors,
    clientCpu: (cpuAfter.userCPUTime + cpuAfter.systemCPUTime - cpuBefore.userCPUTime - cpuBefore.systemCPUTime) / 1000 / total,
  };
}

/** Closed loop, as fast as the server answers: autocannon for `seconds` (its latency is then per request, no correction). */
export async function unthrottled(plan: LoadPlan, body: Buffer): Promise<LoadResult> {
  const cpuBefore = process.resourceUsage();
  const result = await autocannon({
    url: `https://127.0.0.1:${plan.port}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: plan.connections,
    duration: plan.seconds,
    tlsOptions: { rejectUnauthorized: false },
  });
  const cpuAfter = process.resourceUsage();
  const sent = result.requests.total;
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.p99,
    achieved: result.requests.average,
    sent,
    errors: result.errors + result.non2xx + result.timeouts,
    clientCpu: sent === 0 ? 0 : (cpuAfter.userCPUTime + cpuAfter.systemCPUTime - cpuBefore.userCPUTime - cpuBefore.systemCPUTime) / 1000 / sent,
  };
}

export function isLoadResult(value: unknown): value is LoadResult {
  return typeof value === 'object' && value !== null && ['p50', 'p99', 'max', 'achieved', 'sent', 'errors', 'clientCpu'].every((key) => key in value);
}
