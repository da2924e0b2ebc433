import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` atomically with `mode` (0600 for private keys): the temporary file is created with
 * that mode, then renamed over the target (`overwrite`) or hard-linked to it, which fails with EEXIST
 * when the target exists, so an existing key is never replaced by accident. Returns false on EEXIST.
 */
export async function writeSecureFile(path: string, content: string, mode: number, overwrite: boolean): Promise<boolean> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content, { mode, flag: 'wx', flush: true });
  await chmod(temporary, mode);
  try {
    if (overwrite) await rename(temporary, path);
    else await link(temporary, path);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}
