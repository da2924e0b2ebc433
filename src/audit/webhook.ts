import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { timingSafeEqual } from 'node:crypto';
import type { Artifact } from '../core/index.ts';
import type { JsonObject, JsonValue } from '../kubernetes/json.ts';
import { isJsonArray, isJsonObject, toJsonValue } from '../kubernetes/json.ts';
import type { CompiledPalisadePolicy } from '../policy/palisade-policy/index.ts';
import { evaluatePalisadePolicies } from '../policy/palisade-policy/index.ts';
import type { AuditAlert, AuditAlertSink } from './alerts.ts';
import { auditAlert } from './alerts.ts';
import { auditEventArtifact, auditEventModel } from './events.ts';

/** The API server batches up to 400 events (`--audit-webhook-batch-max-size`); RequestResponse bodies can be large. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How many (policy, request, message) keys are remembered to report a request logged at two stages once. */
const SEEN_LIMIT = 50_000;

export interface AuditWebhookOptions {
  /** Built-in and user policies together (`auditPolicies(user)`). */
  readonly policies: readonly CompiledPalisadePolicy[];
  readonly sinks: readonly AuditAlertSink[];
  /** Bodies larger than this are refused with 413 (default 32 MB). */
  readonly maxBodyBytes?: number;
  /** When set, requests must carry `Authorization: Bearer <token>` (the webhook kubeconfig's user token). */
  readonly token?: string;
  /** Policy errors and failed deliveries, for the log. */
  readonly onProblem?: (message: string) => void;
  readonly now?: () => Date;
}

export interface AuditWebhookStats {
  batches: number;
  events: number;
  alerts: number;
  rejected: number;
}

export interface AuditWebhookHandler {
  (request: IncomingMessage, response: ServerResponse): void;
  readonly stats: Readonly<AuditWebhookStats>;
  /** Resolves when every alert raised so far was handed to the sinks (delivery runs after the answer). */
  drain(): Promise<void>;
}

/**
 * The receiving end of the API server's audit webhook backend: `POST` of an `audit.k8s.io/v1`
 * EventList (a single Event is accepted too). Each event goes through the policies; the answer (200,
 * or 400 for a body that is not an EventList, 413 when too large, 401 without the token) comes
 * before the alerts are delivered, so a slow sink never holds the API server's audit buffer.
 * `GET /healthz` answers `ok`.
 */
export function createAuditWebhookHandler(options: AuditWebhookOptions): AuditWebhookHandler {
  const stats: AuditWebhookStats = { batches: 0, events: 0, alerts: 0, rejected: 0 };
  const seen = new Map<string, true>();
  let delivery: Promise<void> = Promise.resolve();
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (request.method !== 'POST') return reject(response, stats, 405, 'only POST of an audit.k8s.io/v1 EventList');
    if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) return reject(response, stats, 401, 'missing or wrong bearer token');
    readLimited(request, limit).then(
      (body) => {
        if (body === undefined) return reject(response, stats, 413, `body larger than ${limit} bytes`);
        const parsed = parseEventList(body);
        if (typeof parsed === 'string') return reject(response, stats, 400, parsed);
        const alerts = receive(parsed, options, seen, stats);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events: parsed.events.length, skipped: parsed.skipped.length, alerts: alerts.length }));
        if (alerts.length > 0) delivery = delivery.then(() => deliver(alerts, options));
      },
      (error: unknown) => {
        stats.rejected += 1;
        response.destroy(error instanceof Error ? error : undefined);
      },
    ).catch((error: unknown) => {
      options.onProblem?.(`audit webhook: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) reject(response, stats, 500, 'internal error');
    });
  };
  return Object.assign(handle, { stats, drain: () => delivery });
}

function reject(response: ServerResponse, stats: AuditWebhookStats, status: number, message: string): void {
  stats.rejected += 1;
  response.writeHead(status, { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) }).end(JSON.stringify({ error: message }));
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body, or undefined as soon as it passes `limit` (the rest is not read). */
async function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** What a body holds: the audit events, and the items that are not events (skipped, the others are read). */
export interface EventBatch {
  readonly events: readonly JsonObject[];
  /** `items[3] is not an audit Event …` */
  readonly skipped: readonly string[];
}

/** The events of an EventList (or of one Event), or what makes the body unusable as a whole. */
export function parseEventList(body: Buffer): EventBatch | string {
  let json: JsonValue;
  try {
    json = toJsonValue(JSON.parse(body.toString('utf8')));
  } catch (error) {
    // A SyntaxError, or the RangeError of a value nested deeper than MAX_VALUE_DEPTH.
    return `${error instanceof SyntaxError ? 'not JSON: ' : ''}${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isJsonObject(json) || !String(json['apiVersion'] ?? '').startsWith('audit.k8s.io/')) return 'expected an audit.k8s.io/v1 EventList';
  if (json['kind'] === 'Event') return isAuditEvent(json) ? { events: [json], skipped: [] } : 'the Event lacks verb, user or stage';
  const items = json['items'];
  if (json['kind'] !== 'EventList' || !isJsonArray(items)) return 'expected an audit.k8s.io/v1 EventList with items';
  const events: JsonObject[] = [];
  const skipped: string[] = [];
  items.forEach((item, index) => {
    if (isJsonObject(item) && isAuditEvent(item)) events.push(item);
    else skipped.push(`items[${index}] is not an audit Event (an object with verb, user and stage)`);
  });
  return { events, skipped };
}

function isAuditEvent(event: JsonObject): boolean {
  return typeof event['verb'] === 'string' && isJsonObject(event['user']) && typeof event['stage'] === 'string';
}

function receive(batch: EventBatch, options: AuditWebhookOptions, seen: Map<string, true>, stats: AuditWebhookStats): AuditAlert[] {
  for (const problem of batch.skipped) options.onProblem?.(`audit webhook: ${problem}; skipped`);
  const alerts = evaluate(batch.events, options, seen);
  stats.batches += 1;
  stats.events += batch.events.length;
  stats.alerts += alerts.length;
  return alerts;
}

/** The new alerts of a batch: one per policy, request and message, even when the request comes at two stages. */
function evaluate(events: readonly JsonObject[], options: AuditWebhookOptions, seen: Map<string, true>): AuditAlert[] {
  const artifacts = events.map((event, index) => auditEventArtifact('audit-webhook', index + 1, JSON.stringify(event), event));
  const byArtifact = new Map<Artifact, JsonObject>(artifacts.map((artifact) => [artifact, artifact.event]));
  const result = evaluatePalisadePolicies(options.policies, artifacts.map(auditEventModel));
  for (const error of result.errors) options.onProblem?.(`audit policy error: ${error.message}`);
  const now = options.now?.() ?? new Date();
  const alerts: AuditAlert[] = [];
  for (const outcome of result.outcomes) {
    const event = byArtifact.get(outcome.artifact);
    if (event === undefined) continue;
    const key = `${outcome.policy}\u0000${String(event['auditID'] ?? outcome.artifact.identity)}\u0000${outcome.finding.message}`;
    if (seen.has(key)) continue;
    seen.set(key, true);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.keys().next().value ?? key);
    alerts.push(auditAlert(event, outcome.policy, outcome.finding, now));
  }
  return alerts;
}

async function deliver(alerts: readonly AuditAlert[], options: AuditWebhookOptions): Promise<void> {
  for (const sink of options.sinks) {
    try {
      await sink.send(alerts);
    } catch (error) {
      options.onProblem?.(`${sink.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export interface AuditServerOptions extends AuditWebhookOptions {
  /** `host:port` (port 0: any free port). */
  readonly listen: string;
  /** PEM certificate and key: HTTPS, as the API server's webhook kubeconfig expects; else plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export interface AuditServer {
  /** `http(s)://host:port` actually listened on. */
  readonly url: string;
  readonly handler: AuditWebhookHandler;
  /** Stops accepting, waits for the alerts already raised to be delivered. */
  close(): Promise<void>;
}

export async function startAuditServer(options: AuditServerOptions): Promise<AuditServer> {
  const handler = createAuditWebhookHandler(options);
  const server: Server = options.tls === undefined ? createHttpServer({ requestTimeout: 60_000 }, handler) : createHttpsServer({ requestTimeout: 60_000, cert: options.tls.cert, key: options.tls.key }, handler);
  const separator = options.listen.lastIndexOf(':');
  const host = separator === -1 ? '127.0.0.1' : options.listen.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(separator === -1 ? options.listen : options.listen.slice(separator + 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const bound = address !== null && typeof address === 'object' ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${shown}:${bound}`,
    handler,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await handler.drain();
    },
  };
}
