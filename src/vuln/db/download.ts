// One resumable HTTP download: conditional (ETag / Last-Modified → 304), resumed with Range when a
// partial file and a validator exist, retried with backoff on 429/5xx/network errors, with an idle timeout.
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { PalisadeError } from '../../core/index.ts';

export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface DownloadPolicy {
  /** Abort a request when no response or body data arrives for this long. */
  readonly timeoutMs: number;
  /** Attempts after the first. */
  readonly retries: number;
  /** First delay between attempts; doubles each time (a Retry-After up to 60 s wins). */
  readonly backoffMs: number;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
}

export type DownloadResult =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'downloaded'; readonly file: string; readonly validators: Validators; readonly bytes: number; readonly resumed: boolean };

type Attempt = DownloadResult | { readonly kind: 'retry'; readonly reason: string; readonly delayMs?: number };

interface Partial {
  readonly size: number;
  /** Sent as If-Range: the ETag if strong, else Last-Modified. */
  readonly validator: string;
  readonly validators: Validators;
}

function validatorsOf(response: Response): Validators {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return { ...(etag === null ? {} : { etag }), ...(lastModified === null ? {} : { lastModified }) };
}

/** A partial download worth resuming: bytes on disk and a strong validator recorded for the same URL. */
async function partialOf(part: string, url: string): Promise<Partial | undefined> {
  try {
    const info: unknown = JSON.parse(await readFile(`${part}.json`, 'utf8'));
    const size = (await stat(part)).size;
    if (typeof info !== 'object' || info === null || !('url' in info) || info.url !== url || size === 0) return undefined;
    const etag = 'etag' in info && typeof info.etag === 'string' && !info.etag.startsWith('W/') ? info.etag : undefined;
    const lastModified = 'lastModified' in info && typeof info.lastModified === 'string' ? info.lastModified : undefined;
    const validator = etag ?? lastModified;
    const validators = { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
    return validator === undefined ? undefined : { size, validator, validators };
  } catch {
    return undefined;
  }
}

async function discard(part: string): Promise<void> {
  await rm(part, { force: true });
  await rm(`${part}.json`, { force: true });
}

function requestHeaders(partial: Partial | undefined, known: Validators): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'palisade' };
  if (partial !== undefined) return { ...headers, range: `bytes=${partial.size}-`, 'if-range': partial.validator };
  if (known.etag !== undefined) headers['if-none-match'] = known.etag;
  if (known.lastModified !== undefined) headers['if-modified-since'] = known.lastModified;
  return headers;
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= 60 ? seconds * 1000 : undefined;
}

/** The total size a 200 or 206 response announces, if it does. */
function expectedSize(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range?.[1] !== undefined) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? undefined : offset + Number(length);
}

/** Streams the body into `part` (appending from `offset`); false when the stream broke off. */
async function saveBody(response: Response, part: string, offset: number, touch: () => void): Promise<boolean> {
  const file = await open(part, offset === 0 ? 'w' : 'a');
  try {
    if (response.body === null) return true;
    for await (const chunk of response.body) {
      touch();
      await file.write(chunk);
    }
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}

async function attempt(url: string, part: string, known: Validators, policy: DownloadPolicy): Promise<Attempt> {
  const partial = await partialOf(part, url);
  if (partial === undefined) await discard(part);
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  };
  try {
    let response: Response;
    try {
      response = await policy.fetch(url, { headers: requestHeaders(partial, known), signal: controller.signal });
    } catch (error) {
      const reason = controller.signal.aborted ? `no response within ${policy.timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return { kind: 'retry', reason };
    }
    return await handle(response, url, part, partial, policy, touch);
  } finally {
    clearTimeout(timer);
  }
}

async function handle(response: Response, url: string, part: string, partial: Partial | undefined, policy: DownloadPolicy, touch: () => void): Promise<Attempt> {
  const { status } = response;
  if (status === 304 && partial === undefined) return { kind: 'unchanged' };
  if (status === 416 || (status === 206 && !response.headers.get('content-range')?.startsWith(`bytes ${partial?.size ?? -1}-`))) {
    await response.body?.cancel();
    await discard(part);
    return { kind: 'retry', reason: `HTTP ${status}: the server did not resume where the partial download ended`, delayMs: 0 };
  }
  if (status === 429 || status >= 500) {
    await response.body?.cancel();
    const delay = retryAfterMs(response);
    return { kind: 'retry', reason: `HTTP ${status}`, ...(delay === undefined ? {} : { delayMs: delay }) };
  }
  if (status !== 200 && status !== 206) {
    await response.body?.cancel();
    throw new PalisadeError('NETWORK_FAILED', `${url}: HTTP ${status}${response.statusText === '' ? '' : ` ${response.statusText}`}.`);
  }
  const offset = status === 206 ? (partial?.size ?? 0) : 0;
  const validators = status === 206 && partial !== undefined ? partial.validators : validatorsOf(response);
  if (status === 200) await writeFile(`${part}.json`, JSON.stringify({ url, ...validatorsOf(response) }));
  const complete = await saveBody(response, part, offset, touch);
  const size = (await stat(part)).size;
  const expected = expectedSize(response, offset);
  if (!complete || (expected !== undefined && size !== expected)) return { kind: 'retry', reason: `the download broke off after ${size} bytes${complete ? '' : ` (no data for ${policy.timeoutMs} ms, or the connection closed)`}` };
  const file = part.replace(/\.part$/, '');
  await rename(part, file);
  await rm(`${part}.json`, { force: true });
  return { kind: 'downloaded', file, validators, bytes: size, resumed: offset > 0 };
}

/**
 * Downloads `url` to `part` (which must end in `.part`; the finished file drops the suffix). Sends
 * `known` validators so an unchanged file costs a 304. NETWORK_FAILED after the last attempt; a partial
 * file is kept for the next run to resume.
 */
export async function download(url: string, part: string, known: Validators, policy: DownloadPolicy): Promise<DownloadResult> {
  let last = 'no attempt made';
  for (let round = 0; round <= policy.retries; round += 1) {
    const result = await attempt(url, part, known, policy);
    if (result.kind !== 'retry') return result;
    last = result.reason;
    if (round < policy.retries) await policy.sleep(result.delayMs ?? policy.backoffMs * 2 ** round);
  }
  throw new PalisadeError('NETWORK_FAILED', `${url}: ${last} (gave up after ${policy.retries + 1} attempt${policy.retries === 0 ? '' : 's'}).`);
}
