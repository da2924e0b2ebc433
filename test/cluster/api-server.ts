// A Kubernetes API stand-in for the cluster tests: HTTPS on 127.0.0.1 (certificate from openssl), bearer
// token required, list responses from api-fixtures.ts paged two items at a time with continue tokens,
// 403 for the kinds in FORBIDDEN, and a log of every request. Watches (`?watch=1`) play the scripted
// steps of `watchSteps` one per request, as the API server streams them: one JSON event per line.
import { readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { makeCertificate } from '../image/registry.ts';
import { API_LISTS, FORBIDDEN } from './api-fixtures.ts';

export const API_TOKEN = 'palisade-test-token';
const PAGE_SIZE = 2;

/** What one watch request gets: an HTTP status (not 200: a Status body), events, then how the stream ends. */
export interface WatchStep {
  readonly status?: number;
  /** Objects are written as JSON lines; strings as they are (for broken lines). */
  readonly events?: readonly (Record<string, unknown> | string)[];
  /** `close` ends the response (a watch timeout), `reset` destroys the connection, `hold` keeps it open. */
  readonly end: 'close' | 'reset' | 'hold';
}

/** A list the server answers instead of the fixture's: what a re-list sees. */
export interface ListOverride {
  readonly items: readonly Record<string, unknown>[];
  readonly resourceVersion: string;
}

export interface ApiServer {
  readonly url: string;
  readonly caFile: string;
  readonly requests: string[];
  /** Taken one per watch request; when empty, a watch is held open until the client leaves. */
  readonly watchSteps: WatchStep[];
  /** collection path → list answered instead of the fixture. */
  readonly lists: Map<string, ListOverride>;
  /** Resolves when `count` watch requests have been received in all. */
  watchesReached(count: number): Promise<void>;
  /** A kubeconfig for this server (bearer token, or the given user entry). */
  kubeconfig(user?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startApiServer(dir: string): Promise<ApiServer> {
  const { cert, key } = await makeCertificate(dir, 'apiserver');
  const requests: string[] = [];
  const state: ServerState = { watchSteps: [], lists: new Map(), watches: 0, waiters: [], sockets: new Set() };
  const server = createServer({ cert: await readFile(cert), key: await readFile(key) }, (request, response) => {
    requests.push(`${request.method ?? '?'} ${request.url ?? ''}`);
    answer(request, response, state);
  });
  server.on('secureConnection', (socket: Socket) => {
    state.sockets.add(socket);
    socket.on('close', () => state.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the API server has no TCP address');
  const url = `https://127.0.0.1:${address.port}`;
  return {
    url,
    caFile: cert,
    requests,
    watchSteps: state.watchSteps,
    lists: state.lists,
    watchesReached: (count) => new Promise<void>((resolve) => {
      if (state.watches >= count) resolve();
      else state.waiters.push({ count, resolve });
    }),
    async kubeconfig(user = { token: API_TOKEN }) {
      const file = join(dir, `kubeconfig-${requests.length}-${Math.random().toString(36).slice(2)}`);
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'kind-test',
        clusters: [{ name: 'kind-test', cluster: { server: url, 'certificate-authority': cert } }],
        users: [{ name: 'reader', user }],
        contexts: [{ name: 'kind-test', context: { cluster: 'kind-test', user: 'reader' } }],
      };
      await writeFile(file, JSON.stringify(config));
      return file;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of state.sockets) socket.destroy();
    }),
  };
}

interface ServerState {
  readonly watchSteps: WatchStep[];
  readonly lists: Map<string, ListOverride>;
  watches: number;
  readonly waiters: { count: number; resolve: () => void }[];
  readonly sockets: Set<Socket>;
}

function answer(request: IncomingMessage, response: ServerResponse, state: ServerState): void {
  const url = new URL(request.url ?? '/', 'https://127.0.0.1');
  if (request.headers.authorization !== `Bearer ${API_TOKEN}`) return status(response, 401, 'Unauthorized');
  if (request.method !== 'GET') return status(response, 405, 'method not allowed');
  if (url.searchParams.get('watch') === '1') return watch(response, state);
  if (FORBIDDEN.has(url.pathname)) return status(response, 403, `${url.pathname.split('/').pop() ?? ''} is forbidden: User "system:serviceaccount:palisade:reader" cannot list this resource at the cluster scope`);
  const single = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
  if (single !== null) {
    const item = API_LISTS['/api/v1/namespaces']?.items.find((entry) => Reflect.get(Object(entry['metadata']), 'name') === single[1]);
    return item === undefined ? status(response, 404, 'not found') : json(response, 200, { kind: 'Namespace', apiVersion: 'v1', ...item });
  }
  const namespaced = /^(\/apis?\/.+)\/namespaces\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const collection = namespaced === null ? url.pathname : `${namespaced[1] ?? ''}/${namespaced[3] ?? ''}`;
  const override = state.lists.get(collection);
  const list = override === undefined ? (API_LISTS[collection] ?? { kind: 'List', apiVersion: 'v1', items: [] }) : { kind: 'List', apiVersion: 'v1', items: override.items };
  const items = namespaced === null ? list.items : list.items.filter((item) => Reflect.get(Object(item['metadata']), 'namespace') === namespaced[2]);
  const offset = Number(url.searchParams.get('continue') ?? '0');
  const page = items.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE < items.length ? String(offset + PAGE_SIZE) : undefined;
  json(response, 200, { kind: list.kind, apiVersion: list.apiVersion, metadata: { resourceVersion: override?.resourceVersion ?? '4711', ...(next === undefined ? {} : { continue: next }) }, items: page });
}

function watch(response: ServerResponse, state: ServerState): void {
  state.watches += 1;
  for (const waiter of state.waiters.filter((entry) => entry.count <= state.watches)) {
    state.waiters.splice(state.waiters.indexOf(waiter), 1);
    waiter.resolve();
  }
  const step = state.watchSteps.shift() ?? { end: 'hold' };
  if (step.status !== undefined) return status(response, step.status, step.status === 410 ? 'too old resource version' : 'watch refused');
  response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
  const text = (step.events ?? []).map((event) => `${typeof event === 'string' ? event : JSON.stringify(event)}\n`).join('');
  if (step.end === 'close') response.end(text);
  // The events reach the client, then the connection drops without the chunked encoding's last chunk.
  else if (step.end === 'reset') response.write(text, () => response.socket?.destroy());
  else if (text !== '') response.write(text);
}

function status(response: ServerResponse, code: number, message: string): void {
  json(response, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });
}

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
