import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdmissionDecision, DecisionSettings, FailureChoice } from './decide.ts';
import { decide } from './decide.ts';
import type { AdmissionEngine } from './engine.ts';
import { AdmissionMetrics } from './metrics.ts';
import type { AdmissionRequest, AdmissionResponse } from './review.ts';
import { parseAdmissionReview, reviewResponse } from './review.ts';
import { encodePatch, pinVerifiedImages } from './mutate.ts';
import type { TlsFiles } from './tls-reload.ts';
import { readTlsMaterial, watchTlsFiles } from './tls-reload.ts';

export interface AdmissionServerOptions {
  readonly engine: AdmissionEngine;
  readonly decision: DecisionSettings;
  readonly tls: TlsFiles;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Bodies larger than this are refused with 400 (default 3 MiB, the API server's own request limit). */
  readonly maxBodyBytes?: number;
  /** Each request is answered within this time (default 4,000 ms: below a 5 s webhook timeout). */
  readonly deadlineMs?: number;
  /** Requests evaluated at once; more are refused with 429 at once, so the API server applies its failurePolicy (default 64). */
  readonly maxInFlight?: number;
  /** The answer when a request's deadline passes: `open` admits with a warning, `closed` (default) denies. */
  readonly onDeadline?: FailureChoice;
  readonly metrics?: AdmissionMetrics;
  readonly now?: () => Date;
  /**
   * Serve `POST /mutate` (off by default): image tags the verifier passes are pinned to the verified
   * digests. Needs `decision.imageVerifier`.
   */
  readonly mutate?: boolean;
  /** One line per event worth a log (reloads, bad requests); default: none. */
  readonly log?: (line: string) => void;
}

export interface RunningAdmissionServer {
  readonly port: number;
  readonly metrics: AdmissionMetrics;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 3 * 1024 * 1024;
const JSON_TYPE = 'application/json';

/**
 * The webhook: `POST /validate` answers AdmissionReviews with `decide`; `/healthz`, `/readyz` and
 * `/metrics` (Prometheus). The certificate and key are reloaded when their files change. No request
 * waits without bound: bodies are capped, each request has a deadline, and past `maxInFlight`
 * requests are refused at once.
 */
export async function startAdmissionServer(options: AdmissionServerOptions): Promise<RunningAdmissionServer> {
  const metrics = options.metrics ?? new AdmissionMetrics();
  const log = options.log ?? ((): void => undefined);
  const state: ServerState = { options, metrics, log, inFlight: 0, closing: false };
  const server = createServer({ ...readTlsMaterial(options.tls) }, (request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendText(response, 500, 'internal error\n');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  const watcher = watchTlsFiles(
    options.tls,
    (material) => server.setSecureContext({ ...material }),
    (result, message) => {
      metrics.increment('palisade_admission_tls_reloads_total', { result });
      log(result === 'ok' ? 'reloaded the TLS certificate and key' : `kept the current TLS certificate: ${message ?? ''}`);
    },
  );
  await listen(server, options.port, options.host ?? '0.0.0.0');
  const address = server.address();
  return {
    port: isAddressInfo(address) ? address.port : options.port,
    metrics,
    close: () => {
      state.closing = true;
      watcher.close();
      return new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeIdleConnections();
      });
    },
  };
}

interface ServerState {
  readonly options: AdmissionServerOptions;
  readonly metrics: AdmissionMetrics;
  readonly log: (line: string) => void;
  inFlight: number;
  closing: boolean;
}

async function handle(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (request.method === 'GET' && path === '/healthz') return sendText(response, 200, 'ok\n');
  if (request.method === 'GET' && path === '/readyz') return state.closing ? sendText(response, 503, 'closing\n') : sendText(response, 200, 'ready\n');
  if (request.method === 'GET' && path === '/metrics') return sendText(response, 200, state.metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
  const mutating = path === '/mutate' && state.options.mutate === true && state.options.decision.imageVerifier !== undefined;
  if (path !== '/validate' && !mutating) return sendText(response, 404, 'not found\n');
  if (request.method !== 'POST') return sendText(response, 405, 'POST an AdmissionReview\n');
  const { options, metrics } = state;
  if (state.inFlight >= (options.maxInFlight ?? 64)) {
    metrics.increment('palisade_admission_shed_total');
    request.resume();
    response.setHeader('retry-after', '1');
    return sendText(response, 429, 'overloaded: too many admission requests in flight\n');
  }
  state.inFlight += 1;
  try {
    await (mutating ? mutate(state, request, response) : validate(state, request, response));
  } finally {
    state.inFlight -= 1;
  }
}

/** The AdmissionRequest of the body, or undefined once a 400 has been sent. */
async function readReview(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<AdmissionRequest | undefined> {
  const body = await readBody(request, state.options.maxBodyBytes ?? DEFAULT_MAX_BODY);
  if (!body.ok) return badRequest(state, response, body.reason, body.message, body.close);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (error) {
    return badRequest(state, response, 'malformed', `malformed JSON: ${error instanceof Error ? error.message : String(error)}`, false);
  }
  const review = parseAdmissionReview(parsed);
  if (!review.ok) return badRequest(state, response, 'not-a-review', `not an AdmissionReview: ${review.message}`, false);
  return review.request;
}

async function mutate(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const review = await readReview(state, request, response);
  const verifier = state.options.decision.imageVerifier;
  if (review === undefined || verifier === undefined) return;
  const deadline = startDeadline(state.options.deadlineMs ?? 4000);
  const pinned = await pinVerifiedImages(review, verifier, deadline.signal)
    .catch(() => ({ patch: [], notes: ['images were not pinned: the checks did not finish in time'] }))
    .finally(deadline.clear);
  state.metrics.increment('palisade_admission_mutations_total', { pinned: String(pinned.patch.length > 0) });
  const answer: AdmissionResponse = {
    uid: review.uid,
    allowed: true,
    ...(pinned.patch.length === 0 ? {} : { patchType: 'JSONPatch', patch: encodePatch(pinned.patch) }),
    ...(pinned.notes.length === 0 ? {} : { warnings: pinned.notes }),
  };
  sendJson(response, 200, JSON.stringify(reviewResponse(answer)));
}

async function validate(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { options, metrics } = state;
  const started = process.hrtime.bigint();
  const admission = await readReview(state, request, response);
  if (admission === undefined) return;
  const deadlineMs = options.deadlineMs ?? 4000;
  const { signal, clear } = startDeadline(deadlineMs);
  let timedOut = false;
  const fallback = (): AdmissionDecision => {
    timedOut = true;
    return deadlineDecision(options.onDeadline ?? 'closed', deadlineMs);
  };
  const decision = await withDeadline(decide(options.engine, admission, options.decision, { now: (options.now ?? (() => new Date()))(), signal }), signal, fallback).finally(clear);
  if (timedOut) metrics.increment('palisade_admission_deadline_exceeded_total');
  sendJson(response, 200, JSON.stringify(reviewResponse(toResponse(admission, decision))));
  record(metrics, options, admission, decision, Number(process.hrtime.bigint() - started) / 1e9);
}

function record(metrics: AdmissionMetrics, options: AdmissionServerOptions, request: AdmissionRequest, decision: AdmissionDecision, seconds: number): void {
  const dryRun = String(request.dryRun);
  metrics.increment('palisade_admission_requests_total', { decision: decision.outcome, mode: options.decision.mode, dry_run: dryRun });
  metrics.observe('palisade_admission_request_duration_seconds', { decision: decision.outcome }, seconds);
  if (decision.outcome === 'denied' && !request.dryRun) metrics.increment('palisade_admission_enforced_total');
  if (decision.imageErrors > 0) metrics.increment('palisade_admission_image_check_errors_total', { failure: options.decision.imageFailure ?? 'closed' }, decision.imageErrors);
  for (const policy of decision.failingPolicies) {
    metrics.increment('palisade_admission_policy_decisions_total', { policy, decision: decision.outcome, dry_run: dryRun });
    metrics.observe('palisade_admission_policy_duration_seconds', { policy, decision: decision.outcome }, seconds);
  }
}

function toResponse(request: AdmissionRequest, decision: AdmissionDecision): AdmissionResponse {
  return {
    uid: request.uid,
    allowed: decision.allowed,
    ...(decision.message === undefined ? {} : { status: { code: 403, message: decision.message } }),
    ...(decision.warnings.length === 0 ? {} : { warnings: decision.warnings }),
    auditAnnotations: decision.auditAnnotations,
  };
}

/** The answer when the deadline passes first. */
function deadlineDecision(choice: FailureChoice, deadlineMs: number): AdmissionDecision {
  const note = `deadline of ${deadlineMs} ms passed before the checks finished`;
  const allowed = choice === 'open';
  return {
    allowed,
    outcome: allowed ? 'warned' : 'denied',
    ...(allowed ? {} : { message: `${note}; denied (fail-closed)` }),
    warnings: allowed ? [`palisade: ${note}; admitted (fail-open)`] : [],
    auditAnnotations: { 'palisade.dev/decision': `deadline exceeded (fail-${choice})` },
    failingPolicies: [],
    failing: [],
    imageErrors: 0,
  };
}

interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer once the request is answered. */
  readonly clear: () => void;
}

/**
 * A request's deadline: `AbortSignal.timeout` as to what aborts and why (a `TimeoutError`), but its
 * timer is cleared when the answer is sent. An `AbortSignal.timeout` timer lives on for the whole
 * deadline after a 2 ms answer, and V8's young-generation collections keep what it holds, so every
 * request left about 0.75 KB to be promoted and collected by a full collection (decision 0035-e).
 */
function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** The decision, or the fallback when `signal` aborts first. */
function withDeadline(decision: Promise<AdmissionDecision>, signal: AbortSignal, fallback: () => AdmissionDecision): Promise<AdmissionDecision> {
  if (signal.aborted) return Promise.resolve(fallback());
  return new Promise((resolveDecision, rejectDecision) => {
    const onAbort = (): void => resolveDecision(fallback());
    signal.addEventListener('abort', onAbort, { once: true });
    decision.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolveDecision(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        rejectDecision(error);
      },
    );
  });
}

type Body = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly message: string; readonly close: boolean };

/** The request body as UTF-8, or why not: over the limit (announced or reached while reading), or broken off. */
function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  const announced = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(announced) && announced > limit) {
    // Answered at once; the rest is read and dropped (not kept), so the client can read the answer.
    request.resume();
    return Promise.resolve({ ok: false, reason: 'too-large', message: `body of ${announced} bytes is over the limit of ${limit}`, close: false });
  }
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body): void => {
      if (done) return;
      done = true;
      resolveBody(body);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        finish({ ok: false, reason: 'too-large', message: `body is over the limit of ${limit} bytes`, close: false });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => finish({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') }));
    request.on('error', (error) => finish({ ok: false, reason: 'aborted', message: `body could not be read: ${error.message}`, close: true }));
    request.on('aborted', () => finish({ ok: false, reason: 'aborted', message: 'the client stopped sending the body', close: true }));
  });
}

function badRequest(state: ServerState, response: ServerResponse, reason: string, message: string, close: boolean): undefined {
  state.metrics.increment('palisade_admission_bad_requests_total', { reason });
  state.log(`400 ${message}`);
  if (close) response.setHeader('connection', 'close');
  sendText(response, 400, `${message}\n`);
  return undefined;
}

function sendText(response: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendJson(response: ServerResponse, status: number, text: string): void {
  sendText(response, status, text, JSON_TYPE);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
}

function isAddressInfo(address: string | AddressInfo | null): address is AddressInfo {
  return typeof address === 'object' && address !== null;
}
