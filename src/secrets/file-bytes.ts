import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A file's bytes: `bytes[0..length)`. The buffer is the reader's and is reused by its next read. */
export interface FileBytes {
  readonly bytes: Buffer;
  readonly length: number;
}

export interface FileReader {
  /**
   * Reads the whole file; throws as `readFileSync` does. A file larger than `expectedSize` (it grew
   * since the walk) is read up to its size at that moment, as `readFileSync` reads up to its `fstat`
   * size: a file that keeps growing cannot keep the scan reading.
   */
  read(path: string, expectedSize: number): FileBytes;
}

/** Files up to this size are read into one buffer reused from file to file (no allocation, no garbage). */
const REUSED_MAX = 16 * 1024 * 1024;

/**
 * Reads files one after the other into a buffer it keeps: one `open`, `read`s to the end and a
 * `close` per file (an `fstat` only for a file that outgrew the walk's size).
 */
export function createFileReader(): FileReader {
  let scratch: Buffer = Buffer.allocUnsafe(1024 * 1024);
  const bufferFor = (size: number): Buffer => {
    if (size <= scratch.length) return scratch;
    const buffer = Buffer.allocUnsafe(size);
    if (size <= REUSED_MAX) scratch = buffer;
    return buffer;
  };
  return {
    read(path, expectedSize) {
      const descriptor = openSync(path, 'r');
      try {
        // One byte of room past the expected size: a short read there is the end of the file.
        const buffer = bufferFor(expectedSize + 1);
        const length = readInto(descriptor, buffer, 0, expectedSize + 1, expectedSize);
        if (length <= expectedSize) return { bytes: buffer, length };
        const size = Math.max(fstatSync(descriptor).size, length);
        const larger = bufferFor(size);
        if (larger !== buffer) buffer.copy(larger, 0, 0, length);
        return { bytes: larger, length: readInto(descriptor, larger, length, size) };
      } finally {
        closeSync(descriptor);
      }
    },
  };
}

/**
 * Reads from the current position until `end` bytes are in the buffer or the file ends; returns the
 * length. A read that brings the length to exactly `expected` (the walk's size, one byte short of
 * `end`) ends it too: a regular file's read stops short of the request only at the end of the file,
 * so the read of 0 bytes that would confirm it is not asked for (`readFileSync` stops at the size too).
 */
function readInto(descriptor: number, buffer: Buffer, start: number, end: number, expected = -1): number {
  let length = start;
  while (length < end) {
    const count = readSync(descriptor, buffer, length, end - length, null);
    if (count === 0) break;
    length += count;
    if (length === expected) break;
  }
  return length;
}

/** One decoder for every file (`decode` without `stream` keeps no state between calls). */
const decoder = new TextDecoder('utf-8');

/**
 * The text of `bytes[0..length)`, exactly as `decodeText` (core/fs.ts) gives it for a whole file
 * (UTF-8 with replacement characters, without a byte-order mark), with one decoder for all files.
 */
export function decodeBytes(bytes: Uint8Array, length: number): string {
  const text = decoder.decode(bytes.subarray(0, Math.min(length, bytes.byteLength)));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
