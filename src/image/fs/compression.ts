import type { Readable, Transform } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { ByteReader, frameBytes, nextFrame } from './zstd-frames.ts';

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;

/** Output chunk size of the decompressors: 16 KiB (the default) costs one callback per 16 KiB of tar. */
const CHUNK_SIZE = 256 * 1024;

/** A zstd stream may open with a skippable frame: magic `5? 2a 4d 18` (RFC 8878). */
function isSkippableFrame(head: Uint8Array): boolean {
  return head.length >= 4 && ((head[0] ?? 0) & 0xf0) === 0x50 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18;
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, index) => head[index] === byte);
}

/**
 * The compression of a layer blob: the magic bytes decide (gzip `1f 8b`, zstd `28 b5 2f fd` or a
 * skippable frame), because `docker save` archives and some registries label blobs loosely; the
 * media type decides only for a blob too short to carry magic bytes (an empty one).
 */
export function detectCompression(head: Uint8Array, mediaType: string): Compression {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip';
  if (startsWith(head, ZSTD_MAGIC) || isSkippableFrame(head)) return 'zstd';
  if (head.length >= ZSTD_MAGIC.length) return 'none';
  if (/gzip$/.test(mediaType)) return 'gzip';
  if (/zstd$/.test(mediaType)) return 'zstd';
  return 'none';
}


/**
 * The uncompressed bytes of a blob stream, as chunks. The first chunks are read to detect the
 * compression, then replayed into the decompressor. Errors of the source (size or digest mismatch)
 * and of the decompressor (truncated or corrupt data) surface from the iteration.
 */
export async function* decompressedChunks(source: Readable, mediaType: string): AsyncGenerator<Buffer> {
  const iterator: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < ZSTD_MAGIC.length) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headLength += chunk.length;
  }
  const compression = detectCompression(Buffer.concat(head), mediaType);
  async function* raw(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      if (done) return;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield toBuffer(next.value);
    } finally {
      // Stopped early (a corrupt layer): release the source stream and its file handle or socket.
      if (!done) await iterator.return?.();
    }
  }
  if (compression === 'gzip') yield* through(raw(), createGunzip({ chunkSize: CHUNK_SIZE }));
  else if (compression === 'zstd') yield* zstdFrames(raw());
  else yield* raw();
}

/**
 * Each zstd frame through a decompressor of its own (Node's stops after the first frame; gunzip
 * reads concatenated gzip members by itself), skippable frames dropped.
 */
async function* zstdFrames(input: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  const reader = new ByteReader(input);
  try {
    while (await nextFrame(reader)) yield* through(frameBytes(reader), createZstdDecompress({ chunkSize: CHUNK_SIZE }));
  } finally {
    await reader.close();
  }
}

/** Feeds chunks through a transform with backpressure and yields its output. */
async function* through(input: AsyncGenerator<Buffer>, transform: Transform): AsyncGenerator<Buffer> {
  let stopped = false;
  const feeding = (async () => {
    try {
      for await (const chunk of input) {
        if (stopped) return;
        if (!transform.write(chunk)) await waitForDrain(transform);
      }
      transform.end();
    } catch (error) {
      transform.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of transform) yield toBuffer(chunk);
  } finally {
    stopped = true;
    transform.destroy();
    await feeding;
  }
}

function waitForDrain(transform: Transform): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      transform.off('drain', done);
      transform.off('close', done);
      resolve();
    };
    transform.once('drain', done);
    transform.once('close', done);
  });
}

/** A stream chunk as a Buffer (streams may yield Uint8Array or, misconfigured, strings). */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value);
  throw new TypeError('A layer stream yielded something other than bytes');
}
