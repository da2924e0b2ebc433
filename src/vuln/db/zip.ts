// Streaming reads of OSV zips (`all.zip`) with yauzl: entries are read into memory one at a time,
// CRC-32 checked, and never extracted; unsafe names (`../x.json`, `/etc/x`) are reported and skipped.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { ErrorCode } from '../../core/index.ts';
import { PalisadeError } from '../../core/index.ts';

export type ZipItem =
  | { readonly kind: 'entry'; readonly name: string; readonly data: Buffer }
  | { readonly kind: 'skipped'; readonly name: string; readonly code: ErrorCode; readonly message: string };

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

function corrupt(path: string, detail: string, cause?: unknown): PalisadeError {
  return new PalisadeError('ADVISORY_INVALID', `${path}: not a readable zip archive (${detail}).`, { cause, position: { path } });
}

/**
 * Reads the zip with synchronous positional reads: an OSV zip holds 10^5 small entries, and yauzl's
 * default reader pays several thread-pool round trips for each, which dominates an import.
 */
class SyncFileReader extends yauzl.RandomAccessReader {
  readonly #descriptor: number;

  constructor(descriptor: number) {
    super();
    this.#descriptor = descriptor;
  }

  #readRange(buffer: Buffer, offset: number, length: number, position: number): void {
    let done = 0;
    while (done < length) {
      const count = readSync(this.#descriptor, buffer, offset + done, length - done, position + done);
      if (count === 0) throw new Error('unexpected end of file');
      done += count;
    }
  }

  /** `length` bytes at `position`; throws at the end of the file. */
  bytes(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    this.#readRange(buffer, 0, length, position);
    return buffer;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.bytes(start, end - start)]);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    let failure: Error | null = null;
    try {
      this.#readRange(buffer, offset, length, position);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    queueMicrotask(() => callback(failure));
  }

  override close(callback: (error: Error | null) => void): void {
    closeSync(this.#descriptor);
    callback(null);
  }
}

interface OpenZip {
  readonly zip: ZipFile;
  readonly reader: SyncFileReader;
}

async function openZip(path: string): Promise<OpenZip> {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const size = fstatSync(descriptor).size;
    const reader = new SyncFileReader(descriptor);
    const zip = await yauzl.fromRandomAccessReaderPromise(reader, size, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
    return { zip, reader };
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    throw corrupt(path, reason(error), error);
  }
}

function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
}

/** The stored bytes, inflated in this thread (never past the size the central directory declares). */
function decode(raw: Buffer, entry: Entry): Buffer {
  if (entry.compressionMethod === 0) return raw;
  if (entry.compressionMethod !== 8) throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  return inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
}

/** The entry's bytes, checked against the CRC-32 and size the central directory records. */
async function readEntry({ zip, reader }: OpenZip, entry: Entry, path: string, name: string): Promise<Buffer> {
  let data: Buffer;
  try {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    if (fileDataStart + entry.compressedSize > zip.fileSize) throw new Error('entry data runs past the end of the file');
    data = decode(reader.bytes(fileDataStart, entry.compressedSize), entry);
  } catch (error) {
    throw corrupt(path, `entry ${name}: ${reason(error)}`, error);
  }
  if (data.length !== entry.uncompressedSize) throw corrupt(path, `entry ${name}: ${data.length} bytes where the directory says ${entry.uncompressedSize}`);
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) throw corrupt(path, `entry ${name}: CRC-32 mismatch`);
  return data;
}

/** Why an entry is not read, or undefined to read it. Directories and non-JSON entries are passed over silently. */
function skipReason(name: string, entry: Entry, maxBytes: number): { code: ErrorCode; message: string } | 'ignore' | undefined {
  if (name.endsWith('/')) return 'ignore';
  if (entry.isEncrypted()) return { code: 'ADVISORY_INVALID', message: 'encrypted entry; ignored' };
  const unsafe = yauzl.validateFileName(name);
  if (unsafe !== null) return { code: 'ADVISORY_INVALID', message: `unsafe entry name (${unsafe}); ignored` };
  if (!name.toLowerCase().endsWith('.json')) return 'ignore';
  return tooLarge(entry, maxBytes);
}

/** Entries over the limit are never read (a zip bomb declares small sizes, and inflation is capped at them). */
function tooLarge(entry: Entry, maxBytes: number): { code: ErrorCode; message: string } | undefined {
  const size = Math.max(entry.uncompressedSize, entry.compressedSize);
  if (size > maxBytes) return { code: 'FILE_TOO_LARGE', message: `the entry is ${size} bytes; the limit is ${maxBytes}` };
  return undefined;
}

/** Yields every `.json` entry of the zip at `path` (or why it was skipped). A corrupt archive throws ADVISORY_INVALID. */
export async function* readZipEntries(path: string, maxBytes: number): AsyncGenerator<ZipItem> {
  const opened = await openZip(path);
  try {
    for await (const entry of iterateEntries(opened.zip, path)) {
      const name = entryName(entry);
      const skip = skipReason(name, entry, maxBytes);
      if (skip === 'ignore') continue;
      if (skip !== undefined) yield { kind: 'skipped', name, ...skip };
      else yield { kind: 'entry', name, data: await readEntry(opened, entry, path, name) };
    }
  } finally {
    if (opened.zip.isOpen) opened.zip.close();
  }
}

async function* iterateEntries(zip: ZipFile, path: string): AsyncGenerator<Entry> {
  try {
    for await (const entry of zip.eachEntry()) yield entry;
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw corrupt(path, reason(error), error);
  }
}

/**
 * Reads every entry once and checks its CRC-32 (entries over `maxBytes`, which an import skips, are
 * not read); returns the number of entries. Throws ADVISORY_INVALID.
 */
export async function verifyZip(path: string, maxBytes: number): Promise<number> {
  const opened = await openZip(path);
  let count = 0;
  try {
    for await (const entry of iterateEntries(opened.zip, path)) {
      const name = entryName(entry);
      count += 1;
      if (!name.endsWith('/') && tooLarge(entry, maxBytes) === undefined) await readEntry(opened, entry, path, name);
    }
  } finally {
    if (opened.zip.isOpen) opened.zip.close();
  }
  return count;
}
