import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content, never half:
 * the data goes to a temporary file in the same directory, which is then renamed over the target.
 * `data` may come in pieces (an iterable of strings), so a large report is never one string.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  // Loaded here: node:crypto and node:fs/promises cost about 30 ms of start-up to readers of this module.
  const [{ randomBytes }, { mkdir, rename, rm, stat }] = await Promise.all([import('node:crypto'), import('node:fs/promises')]);
  // A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written in place: renaming
  // a file over it would replace the device node itself.
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    await writeData(path, data, false);
    return;
  }
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeData(temporary, data, true);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** How many bytes of an `Iterable<string>` are gathered for each write. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Writes `data` to `path` (then flushed to the disk when `flush`). Pieces of text are encoded into one
 * reused buffer and written a megabyte at a time, not each into a Buffer of its own written alone
 * (as `writeFile` does with an iterable): a report of 4 MB in 16K-character pieces was 250 writes,
 * each a fresh Buffer and a round trip to the thread pool. The bytes are the same: each piece is
 * encoded as UTF-8 on its own, as before.
 */
async function writeData(path: string, data: string | Uint8Array | Iterable<string>, flush: boolean): Promise<void> {
  const { open, writeFile } = await import('node:fs/promises');
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await writeFile(path, data, { flush });
    return;
  }
  const handle = await open(path, 'w');
  try {
    const writeAll = async (bytes: Uint8Array, length: number): Promise<void> => {
      for (let offset = 0; offset < length; ) offset += (await handle.write(bytes, offset, length - offset)).bytesWritten;
    };
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    let used = 0;
    for (const piece of data) {
      // At most 3 bytes of UTF-8 per UTF-16 code unit: the piece fits whole, or goes alone.
      const most = piece.length * 3;
      if (used > 0 && used + most > buffer.length) {
        await writeAll(buffer, used);
        used = 0;
      }
      if (most <= buffer.length) {
        used += buffer.write(piece, used);
        continue;
      }
      const bytes = Buffer.from(piece);
      await writeAll(bytes, bytes.length);
    }
    if (used > 0) await writeAll(buffer, used);
    if (flush) await handle.sync();
  } finally {
    await handle.close();
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
