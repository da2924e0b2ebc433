import { PalisadeError } from '../../../core/index.ts';
import type { RegistrySession } from './session.ts';

export interface UploadOptions {
  /**
   * Blobs larger than this go up in PATCH chunks of this size before the closing PUT; smaller ones in
   * one monolithic PUT (default 32 MiB). Registries that cap a request body need a smaller value.
   */
  readonly chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
const OCTETS = 'application/octet-stream';

/**
 * Uploads one blob as the distribution spec describes: POST `/blobs/uploads/` opens a session whose
 * `Location` takes either the whole blob in `PUT ?digest=` (monolithic) or a series of `PATCH`es with
 * `Content-Range` followed by an empty `PUT ?digest=` (chunked). Each answer's Location is followed.
 */
export async function uploadBlob(session: RegistrySession, bytes: Buffer, digest: string, options: UploadOptions = {}): Promise<void> {
  const chunk = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new PalisadeError('USAGE', `The upload chunk size must be a positive integer (got ${chunk}).`);
  const what = `blob ${digest} (upload)`;
  const started = await session.send('POST', 'blobs/uploads/', { body: Buffer.alloc(0) }, what, [202]);
  started.body.resume();
  let location = uploadLocation(session, started.headers.location, started.url, what);
  if (bytes.length > chunk) {
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const part = bytes.subarray(offset, Math.min(offset + chunk, bytes.length));
      const range = `${offset}-${offset + part.length - 1}`;
      const patched = await session.send('PATCH', location, { contentType: OCTETS, headers: { 'content-range': range }, body: part }, `${what}, bytes ${range}`, [202, 204]);
      patched.body.resume();
      location = uploadLocation(session, patched.headers.location, patched.url, what);
    }
  }
  const final = withDigest(location, digest);
  const body = bytes.length > chunk ? Buffer.alloc(0) : bytes;
  const done = await session.send('PUT', final, { contentType: OCTETS, body }, what, [201, 204]);
  done.body.resume();
}

function uploadLocation(session: RegistrySession, header: string | undefined, base: URL, what: string): URL {
  if (header === undefined || header === '') {
    throw new PalisadeError('NETWORK_FAILED', `${session.target.reference}: ${session.target.registry} started ${what} without a Location header.`);
  }
  return new URL(header, base);
}

function withDigest(location: URL, digest: string): URL {
  const url = new URL(location.href);
  url.searchParams.set('digest', digest);
  return url;
}
