import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content, never half:
 * the data goes to a temporary file in the same directory, which is then renamed over the target.
 * `data` may come in pieces (an iterable of strings), so a large report is never one string.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  // Loaded here: node:crypto and node:fs/promises cost about 30 ms of start-up to readers of this module.
  const [{ randomBytes }, { mkdir, rename, rm, stat, writeFile }] = await Promise.all([import('node:crypto'), import('node:fs/promises')]);
  // A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written in place: renaming
  // a file over it would replace the device node itself.
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    await writeFile(path, data);
    return;
  }
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data, { flush: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
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
