import { execFile } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { RequestOptions } from 'node:https';
import { request as httpsRequest } from 'node:https';
import { isAbsolute, join } from 'node:path';
import { PalisadeError } from '../core/index.ts';
import type { ClusterConnection, ExecPlugin } from './kubeconfig.ts';

/** One API response is capped: a list page of 500 objects is far below it. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
const EXEC_TIMEOUT_MS = 60_000;

/** Credentials actually sent: the connection's, or what its exec plugin returned. */
interface Credentials {
  readonly token?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** A read-only client for the Kubernetes API: GET of JSON documents, nothing else. */
export interface ApiClient {
  readonly connection: ClusterConnection;
  getJson(path: string): Promise<unknown>;
  /**
   * A streaming GET (a `?watch=1` request): the response's lines as they arrive. Ends when the server
   * closes the stream; a status other than 200 throws ApiStatusError; `signal` aborts it. `idleMs`
   * bounds the silence between two chunks.
   */
  streamLines(path: string, options: { readonly signal: AbortSignal; readonly idleMs: number }): AsyncGenerator<string>;
}

/** A non-200 answer to a streaming request, with its status (410 Gone makes an informer list again). */
export class ApiStatusError extends PalisadeError {
  readonly status: number;

  constructor(status: number, message: string) {
    super('CLUSTER_REQUEST_FAILED', message);
    this.status = status;
  }
}

/** One watch line longer than this is refused (a Pod object is a few kB). */
export const MAX_STREAM_LINE_BYTES = 16 * 1024 * 1024;

/** A streamed line over MAX_STREAM_LINE_BYTES: the event is lost, so an informer must list again. */
export class StreamLineTooLong extends PalisadeError {
  constructor(message: string) {
    super('CLUSTER_REQUEST_FAILED', message);
  }
}

export async function createApiClient(connection: ClusterConnection): Promise<ApiClient> {
  const credentials = connection.exec === undefined ? connection : { ...connection, ...(await runExecPlugin(connection.exec, connection.server)) };
  return { connection, getJson: (path) => getJson(connection, credentials, path), streamLines: (path, options) => streamLines(connection, credentials, path, options) };
}

function requestOptions(connection: ClusterConnection, credentials: Credentials, timeout: number): RequestOptions {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'palisade' };
  if (credentials.token !== undefined) headers['authorization'] = `Bearer ${credentials.token}`;
  else if (connection.basic !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${connection.basic.username}:${connection.basic.password}`).toString('base64')}`;
  return {
    method: 'GET',
    headers,
    timeout,
    ...(connection.ca === undefined ? {} : { ca: connection.ca }),
    ...(credentials.cert === undefined || credentials.key === undefined ? {} : { cert: credentials.cert, key: credentials.key }),
    ...(connection.insecureSkipTlsVerify === true ? { rejectUnauthorized: false } : {}),
    ...(connection.tlsServerName === undefined ? {} : { servername: connection.tlsServerName }),
  };
}

function getJson(connection: ClusterConnection, credentials: Credentials, path: string): Promise<unknown> {
  const url = new URL(path, `${connection.server}/`);
  const options = requestOptions(connection, credentials, REQUEST_TIMEOUT_MS);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      readBody(response, url)
        .then((body) => decode(response.statusCode ?? 0, body, url))
        .then(resolve, reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => reject(new PalisadeError('CLUSTER_REQUEST_FAILED', `Cannot reach the Kubernetes API at ${url.origin}: ${error.message}`, { cause: error })));
    request.end();
  });
}

async function* streamLines(connection: ClusterConnection, credentials: Credentials, path: string, options: { readonly signal: AbortSignal; readonly idleMs: number }): AsyncGenerator<string> {
  const url = new URL(path, `${connection.server}/`);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = send(url, { ...requestOptions(connection, credentials, options.idleMs), signal: options.signal }, resolve);
    request.on('timeout', () => request.destroy(new Error(`no data within ${options.idleMs / 1000} s`)));
    request.on('error', (error) => reject(new PalisadeError('CLUSTER_REQUEST_FAILED', `Cannot reach the Kubernetes API at ${url.origin}: ${error.message}`, { cause: error })));
    request.end();
  });
  if (response.statusCode !== 200) {
    const body = await readBody(response, url).catch(() => Buffer.alloc(0));
    const status = response.statusCode ?? 0;
    throw new ApiStatusError(status, `GET ${url.pathname}${url.search}: HTTP ${status}${statusMessage(body) === undefined ? '' : `: ${statusMessage(body)}`}`);
  }
  const lines = new LineSplitter(url);
  try {
    for await (const chunk of response) yield* lines.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  } finally {
    response.destroy();
  }
  const last = lines.rest();
  if (last.trim() !== '') yield last;
}

/** Cuts a byte stream into lines; the line being read is kept in pieces, so each byte is looked at once. */
class LineSplitter {
  readonly #url: URL;
  #parts: Buffer[] = [];
  #length = 0;

  constructor(url: URL) {
    this.#url = url;
  }

  /** The non-blank lines the chunk completes. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let rest = chunk;
    for (let end = rest.indexOf(10); end !== -1; end = rest.indexOf(10)) {
      if (this.#length + end > MAX_STREAM_LINE_BYTES) throw tooLong(this.#url);
      const line = Buffer.concat([...this.#parts, rest.subarray(0, end)]).toString('utf8');
      this.#parts = [];
      this.#length = 0;
      rest = rest.subarray(end + 1);
      if (line.trim() !== '') lines.push(line);
    }
    this.#parts.push(rest);
    this.#length += rest.length;
    if (this.#length > MAX_STREAM_LINE_BYTES) throw tooLong(this.#url);
    return lines;
  }

  /** What follows the last newline. */
  rest(): string {
    return Buffer.concat(this.#parts).toString('utf8');
  }
}

function tooLong(url: URL): StreamLineTooLong {
  return new StreamLineTooLong(`GET ${url.pathname}: a watch event larger than ${MAX_STREAM_LINE_BYTES / 1024 / 1024} MB; refused.`);
}

async function readBody(response: IncomingMessage, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_RESPONSE_BYTES) {
      response.destroy();
      throw new PalisadeError('CLUSTER_REQUEST_FAILED', `The answer to GET ${url.pathname} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; refused.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function decode(status: number, body: Buffer, url: URL): unknown {
  const what = `GET ${url.pathname}${url.search}`;
  if (status === 401) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `${what}: 401 Unauthorized; the kubeconfig's credentials were refused (expired token or certificate?).`);
  if (status === 403) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `${what}: 403 Forbidden; ${statusMessage(body) ?? 'the identity lacks list access'}. \`palisade cluster rbac\` prints the read-only ClusterRole Palisade needs.`);
  if (status < 200 || status >= 300) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `${what}: HTTP ${status}${statusMessage(body) === undefined ? '' : `: ${statusMessage(body)}`}`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new PalisadeError('CLUSTER_REQUEST_FAILED', `${what}: the answer is not JSON`);
  }
}

/** The `message` of a metav1.Status body, when the body is one. */
function statusMessage(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const message: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'message') : undefined;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a client.authentication.k8s.io exec plugin and reads its ExecCredential status. */
async function runExecPlugin(plugin: ExecPlugin, server: string): Promise<Credentials> {
  const command = plugin.command.includes('/') && !isAbsolute(plugin.command) ? join(plugin.baseDir, plugin.command) : plugin.command;
  const execInfo = JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec: { interactive: false, cluster: { server } } });
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(command, [...plugin.args], { env: { ...process.env, ...plugin.env, KUBERNETES_EXEC_INFO: execInfo }, timeout: EXEC_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, out, err) => {
      if (error !== null) reject(new PalisadeError('CLUSTER_REQUEST_FAILED', `The kubeconfig's exec plugin ${plugin.command} failed: ${String(err).trim() || error.message}`, { cause: error }));
      else resolve(out);
    });
  });
  let status: unknown;
  try {
    const parsed: unknown = JSON.parse(stdout);
    status = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'status') : undefined;
  } catch {
    throw new PalisadeError('CLUSTER_REQUEST_FAILED', `The kubeconfig's exec plugin ${plugin.command} did not print an ExecCredential (JSON)`);
  }
  const field = (name: string): string | undefined => {
    const value: unknown = typeof status === 'object' && status !== null ? Reflect.get(status, name) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const token = field('token');
  const cert = field('clientCertificateData');
  const key = field('clientKeyData');
  if (token === undefined && (cert === undefined || key === undefined)) throw new PalisadeError('CLUSTER_REQUEST_FAILED', `The kubeconfig's exec plugin ${plugin.command} returned neither a token nor a client certificate`);
  return { ...(token === undefined ? {} : { token }), ...(cert === undefined || key === undefined ? {} : { cert, key }) };
}
