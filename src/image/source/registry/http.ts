import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import { PalisadeError } from '../../../core/index.ts';

export interface HttpOptions {
  /** Extra trusted CA certificates (PEM), added to the system roots. */
  readonly ca?: string;
  /** host[:port] reached without TLS verification, or over plain HTTP when TLS fails. */
  readonly insecureHosts: ReadonlySet<string>;
  readonly timeoutMs: number;
  /** Retries after the first attempt for 429, 5xx and connection resets. */
  readonly retries: number;
  /** First backoff; doubled for each retry. */
  readonly backoffMs: number;
  /** Longest Retry-After honoured, in ms. */
  readonly maxRetryAfterMs: number;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'HEAD' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent whole on every attempt (uploads are buffered, so a retry resends the same bytes). */
  readonly body?: string | Buffer;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
  /** The URL that answered (after redirects and an insecure registry's fall-back to http). */
  readonly url: URL;
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN', 'PALISADE_TIMEOUT', 'UND_ERR_SOCKET']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|ERR_SSL|EPROTO/;
const MAX_REDIRECTS = 5;

interface NetworkError extends Error {
  readonly code?: string;
}

/** A failed attempt and the URL it really went to (an insecure registry may have fallen back to http). */
class AttemptError extends Error {
  readonly url: URL;
  readonly code: string;

  constructor(url: URL, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.url = url;
    this.code = errorCode(cause);
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * HTTP for registries on node:http(s) (fetch cannot take a CA or skip verification without undici's
 * Agent, which is not a dependency). Retries with exponential backoff on 429, 5xx and connection
 * resets, honouring Retry-After; an idle timeout per request ends in NETWORK_FAILED.
 */
export class HttpClient {
  readonly #options: HttpOptions;
  readonly #verified: HttpsAgent;
  readonly #unverified: HttpsAgent;
  readonly #plain: HttpAgent;
  readonly #plainHosts = new Set<string>();

  constructor(options: HttpOptions) {
    this.#options = options;
    const ca = options.ca === undefined ? undefined : [...rootCertificates, options.ca];
    this.#verified = new HttpsAgent({ keepAlive: true, ...(ca === undefined ? {} : { ca }) });
    this.#unverified = new HttpsAgent({ keepAlive: true, rejectUnauthorized: false });
    this.#plain = new HttpAgent({ keepAlive: true });
  }

  destroy(): void {
    this.#verified.destroy();
    this.#unverified.destroy();
    this.#plain.destroy();
  }

  /** Sends with retries and follows redirects (dropping Authorization when the origin changes). */
  async request(url: URL, init: HttpRequest = {}): Promise<HttpResponse> {
    let current = url;
    let headers = { ...init.headers };
    for (let redirects = 0; ; redirects++) {
      const response = await this.#withRetries(current, { ...init, headers });
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || location === undefined) return response;
      response.body.resume();
      if (redirects >= MAX_REDIRECTS) throw new PalisadeError('NETWORK_FAILED', `${url.href}: more than ${MAX_REDIRECTS} redirects.`);
      const next = new URL(location, response.url);
      if (next.origin !== response.url.origin) headers = withoutAuthorization(headers);
      current = next;
    }
  }

  async #withRetries(url: URL, init: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.#options.retries;
      let response: HttpResponse;
      try {
        response = await this.#sendOnce(url, init);
      } catch (error) {
        if (last || !RETRYABLE_CODES.has(errorCode(error))) throw networkFailure(error instanceof AttemptError ? error.url : url, init, error instanceof AttemptError ? error.cause : error);
        await sleep(this.#options.backoffMs * 2 ** attempt);
        continue;
      }
      if (last || !(response.status === 429 || (response.status >= 500 && response.status !== 501))) return response;
      response.body.resume();
      await sleep(this.#delay(response, attempt));
    }
  }

  #delay(response: HttpResponse, attempt: number): number {
    const backoff = this.#options.backoffMs * 2 ** attempt;
    const header = response.headers['retry-after'];
    if (header === undefined) return backoff;
    const seconds = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
    if (!Number.isFinite(seconds)) return backoff;
    return Math.min(Math.max(seconds, 0), this.#options.maxRetryAfterMs);
  }

  /** One attempt; an insecure host falls back from https to http when the TLS handshake fails. */
  async #sendOnce(url: URL, init: HttpRequest): Promise<HttpResponse> {
    const insecure = this.#options.insecureHosts.has(url.host);
    if (!insecure || url.protocol !== 'https:') return this.#send(url, init, false);
    if (this.#plainHosts.has(url.host)) return this.#send(withProtocol(url, 'http:'), init, true);
    try {
      return await this.#send(url, init, true);
    } catch (error) {
      // Only a TLS handshake failure means "this host speaks plain HTTP"; resets and timeouts are retried as such.
      if (!/^(EPROTO|ERR_SSL_)/.test(errorCode(error))) throw error;
      const response = await this.#send(withProtocol(url, 'http:'), init, true);
      this.#plainHosts.add(url.host);
      return response;
    }
  }

  #send(url: URL, init: HttpRequest, insecure: boolean): Promise<HttpResponse> {
    const https = url.protocol === 'https:';
    const agent = !https ? this.#plain : insecure ? this.#unverified : this.#verified;
    const send = https ? httpsRequest : httpRequest;
    const timeoutMs = this.#options.timeoutMs;
    return new Promise((resolve, reject) => {
      let body: IncomingMessage | undefined;
      const request = send(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (response) => {
        body = response;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response, url });
      });
      request.setTimeout(timeoutMs, () => {
        const error: NetworkError = Object.assign(new Error(`no data for ${timeoutMs} ms`), { code: 'PALISADE_TIMEOUT' });
        if (body === undefined) request.destroy(error);
        else if (consumerIsSlow(body)) body.socket.setTimeout(timeoutMs);
        else body.destroy(new PalisadeError('NETWORK_FAILED', `${url.href}: the transfer stalled (no data for ${timeoutMs} ms).`));
      });
      request.on('error', (error) => reject(new AttemptError(url, error)));
      request.end(init.body);
    });
  }
}

/** A body fully received, not yet read, paused or full is waiting for its reader, not for the network. */
function consumerIsSlow(body: IncomingMessage): boolean {
  return body.complete || body.readableFlowing === null || body.isPaused() || body.readableLength >= body.readableHighWaterMark;
}

function withProtocol(url: URL, protocol: string): URL {
  const next = new URL(url.href);
  next.protocol = protocol;
  return next;
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function networkFailure(url: URL, init: HttpRequest, error: unknown): PalisadeError {
  if (error instanceof PalisadeError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const what = `${init.method ?? 'GET'} ${url.href}`;
  if (code === 'PALISADE_TIMEOUT') return new PalisadeError('NETWORK_FAILED', `${what}: timed out (${message}).`, { cause: error });
  if (TLS_CODES.test(code)) {
    return new PalisadeError(
      'NETWORK_FAILED',
      `${what}: TLS failed (${code}: ${message}). Trust the registry's CA with --ca-file, or list ${url.host} in --insecure-registry to skip verification.`,
      { cause: error },
    );
  }
  return new PalisadeError('NETWORK_FAILED', `${what}: ${code === '' ? '' : `${code}: `}${message}.`, { cause: error });
}

/** Reads a whole body, failing with IMAGE_INVALID beyond `limit` bytes. */
export async function readBody(response: HttpResponse, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      total += buffer.length;
      if (total > limit) {
        response.body.destroy();
        throw new PalisadeError('IMAGE_INVALID', `${response.url.href}: the response is larger than ${limit} bytes.`);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('NETWORK_FAILED', `${response.url.href}: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  return Buffer.concat(chunks);
}
