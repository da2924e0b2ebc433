import type { Stats } from 'node:fs';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content, never half:
 * the data goes to a temporary file in the same directory, which is then renamed over the target.
 * `data` may come in pieces (an iterable of strings), so a large report is never one string.
 *
 * The work is synchronous, with node:fs (loaded at start-up), though the function stays async for its
 * callers: node:fs/promises and node:crypto, which it used to load, cost a one-file scan about a tenth
 * of its CPU, compiled after the launcher's V8 flags without Node's code cache (decision
 * 0039-s-start-up-without-unused-built-ins). Its only caller is the CLI writing `-o FILE`, where
 * nothing else runs meanwhile.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  // A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written in place: renaming
  // a file over it would replace the device node itself.
  const existing = statOrUndefined(path);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    writeAndClose(openSync(path, 'w'), data, false);
    return;
  }
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = createTemporary(directory, basename(path));
  try {
    writeAndClose(temporary.descriptor, data, true);
    renameSync(temporary.path, path);
  } catch (error) {
    rmSync(temporary.path, { force: true });
    throw error;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

let temporaries = 0;

/**
 * Creates `.<name>.<pid>.<n>.tmp` beside the target, exclusively (`wx`: it fails on any existing
 * entry, a symbolic link included, so a name another process or thread holds is never written through;
 * the next number is tried). The names need no randomness, hence no node:crypto.
 */
function createTemporary(directory: string, name: string): { readonly path: string; readonly descriptor: number } {
  for (let attempt = 1; ; attempt += 1) {
    temporaries += 1;
    const path = join(directory, `.${name}.${process.pid}.${temporaries}.tmp`);
    try {
      return { path, descriptor: openSync(path, 'wx') };
    } catch (error) {
      if (attempt >= MAX_TEMPORARY_ATTEMPTS || !isAlreadyThere(error)) throw error;
    }
  }
}

const MAX_TEMPORARY_ATTEMPTS = 100;

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}

/** Writes `data` to an open file and closes it; `durable`: flushed to the disk first (a temporary file about to be renamed). */
function writeAndClose(descriptor: number, data: string | Uint8Array | Iterable<string>, durable: boolean): void {
  try {
    writeChunks(descriptor, data);
    if (durable) fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** How many bytes of an `Iterable<string>` are gathered for each write. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Writes `data` to an open file. Pieces of text are encoded into one reused buffer and written a
 * megabyte at a time, not each into a Buffer of its own written alone: a report of 4 MB in
 * 16K-character pieces was 250 writes, each a fresh Buffer and a round trip to the thread pool
 * (decision 0039-f-report-written-in-large-writes). The bytes are the same: each piece is encoded
 * as UTF-8 on its own.
 */
function writeChunks(descriptor: number, data: string | Uint8Array | Iterable<string>): void {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    writeAll(descriptor, bytes, bytes.length);
    return;
  }
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  for (const piece of data) {
    // At most 3 bytes of UTF-8 per UTF-16 code unit: the piece fits whole, or goes alone.
    const most = piece.length * 3;
    if (used > 0 && used + most > buffer.length) {
      writeAll(descriptor, buffer, used);
      used = 0;
    }
    if (most <= buffer.length) {
      used += buffer.write(piece, used);
      continue;
    }
    const bytes = Buffer.from(piece);
    writeAll(descriptor, bytes, bytes.length);
  }
  if (used > 0) writeAll(descriptor, buffer, used);
}

/** The first `length` bytes, continuing after partial writes. */
function writeAll(descriptor: number, bytes: Uint8Array, length: number): void {
  for (let offset = 0; offset < length; ) offset += writeSync(descriptor, bytes, offset, length - offset);
}

/**
 * A file's text, or undefined when it cannot be read (missing, a folder, no permission): for optional
 * files such as `.hadolint.yaml` and `.gitleaksignore`. Synchronous: node:fs is loaded anyway, while
 * node:fs/promises (with readline) costs a small scan about 15 M instructions of start-up
 * (decision 0039-s-start-up-without-unused-built-ins).
 */
export function readTextIfReadable(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the first `bytes` bytes of a file as text (for content sniffing); '' when unreadable. */
export function readHead(path: string, bytes = 4096): string {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const length = readSync(descriptor, buffer, 0, bytes, 0);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return '';
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Decodes file bytes as UTF-8 text without a byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
