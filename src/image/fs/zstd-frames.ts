// Zstandard streams of several frames. RFC 8878 lets a stream hold any number of frames one after the
// other (zstd:chunked layers hold one per file, pzstd one per block), and skippable frames between
// them; Node's zstd decompressor stops silently after the first frame. This module walks the frame
// structure (headers and block sizes only, no decoding) so that each frame goes to a decompressor of
// its own and the skippable ones are dropped.

const FRAME_MAGIC = 0xfd2fb528;
/** Skippable frames: magic 0x184D2A50 to 0x184D2A5F, a 4-byte size, then that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const DICTIONARY_ID_BYTES = [0, 1, 2, 4] as const;

/** Buffers just enough of a byte stream to read frame and block headers. */
export class ByteReader {
  readonly #input: AsyncIterator<Buffer>;
  #buffered: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(input: AsyncIterable<Buffer>) {
    this.#input = input[Symbol.asyncIterator]();
  }

  /** Whether `count` more bytes can be read (reads ahead as needed). */
  async has(count: number): Promise<boolean> {
    while (this.#buffered.length < count && !this.#ended) {
      const next = await this.#input.next();
      if (next.done === true) this.#ended = true;
      else this.#buffered = this.#buffered.length === 0 ? next.value : Buffer.concat([this.#buffered, next.value]);
    }
    return this.#buffered.length >= count;
  }

  /** The next `count` bytes, without consuming them (only after `has(count)`). */
  peek(count: number): Buffer {
    return this.#buffered.subarray(0, count);
  }

  /** Exactly `count` bytes; fails on a truncated stream. */
  async take(count: number): Promise<Buffer> {
    if (!(await this.has(count))) throw new Error('the zstd stream ends inside a frame');
    const taken = this.#buffered.subarray(0, count);
    this.#buffered = this.#buffered.subarray(count);
    return taken;
  }

  /** The next `count` bytes as they arrive, in pieces, without holding them all. */
  async *pass(count: number): AsyncGenerator<Buffer> {
    let left = count;
    while (left > 0) {
      if (!(await this.has(1))) throw new Error('the zstd stream ends inside a frame');
      const piece = this.#buffered.subarray(0, Math.min(left, this.#buffered.length));
      this.#buffered = this.#buffered.subarray(piece.length);
      left -= piece.length;
      yield piece;
    }
  }

  /** Stops the input early (the caller gave up). */
  async close(): Promise<void> {
    await this.#input.return?.();
  }
}

/**
 * Skips skippable frames; returns whether a zstd frame starts here. At the end of the stream, or
 * before bytes that are no frame at all (trailing padding), there is none: the decompressor would
 * ignore them too, and a tar cut short by it is reported by the tar reader.
 */
export async function nextFrame(reader: ByteReader): Promise<boolean> {
  for (;;) {
    if (!(await reader.has(4))) return false;
    const magic = reader.peek(4).readUInt32LE(0);
    if (magic === FRAME_MAGIC) return true;
    if (((magic & SKIPPABLE_MASK) >>> 0) !== SKIPPABLE_MAGIC) return false;
    const size = (await reader.take(8)).readUInt32LE(4);
    for await (const skipped of reader.pass(size)) void skipped;
  }
}

/** Pieces joined into writes of at least `size` bytes (a decompressor write per block header costs more than the copy). */
async function* coalesced(pieces: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let length = 0;
  for await (const piece of pieces) {
    held.push(piece);
    length += piece.length;
    if (length < size) continue;
    yield held.length === 1 ? piece : Buffer.concat(held, length);
    held = [];
    length = 0;
  }
  if (length > 0) yield Buffer.concat(held, length);
}

/** The bytes of one zstd frame (after `nextFrame` said one starts), header to checksum, in pieces of 64 KiB or more. */
export function frameBytes(reader: ByteReader): AsyncGenerator<Buffer> {
  return coalesced(framePieces(reader), 64 * 1024);
}

async function* framePieces(reader: ByteReader): AsyncGenerator<Buffer> {
  const start = await reader.take(5);
  const descriptor = start[4] ?? 0;
  const singleSegment = (descriptor >> 5) & 1;
  const contentSizeBytes = [singleSegment === 1 ? 1 : 0, 2, 4, 8][descriptor >> 6] ?? 0;
  const windowBytes = singleSegment === 1 ? 0 : 1;
  yield start;
  yield await reader.take(windowBytes + (DICTIONARY_ID_BYTES[descriptor & 3] ?? 0) + contentSizeBytes);
  for (let last = false; !last; ) {
    const header = await reader.take(3);
    const value = (header[0] ?? 0) | ((header[1] ?? 0) << 8) | ((header[2] ?? 0) << 16);
    last = (value & 1) === 1;
    const type = (value >> 1) & 3;
    if (type === 3) throw new Error('reserved zstd block type');
    yield header;
    // An RLE block stores its one byte; raw and compressed blocks store `size` bytes.
    yield* reader.pass(type === 1 ? 1 : value >> 3);
  }
  if (((descriptor >> 2) & 1) === 1) yield await reader.take(4);
}
