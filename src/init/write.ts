import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path` atomically: readers see no file or the whole file, never a part.
 * Without `overwrite` an existing file is kept and the result is `false`: the temporary file is
 * hard-linked to the target, which fails if the target exists, so a file created meanwhile is not
 * overwritten either. With `overwrite` the temporary file is renamed over the target.
 */
export async function writeNewFile(path: string, content: string, overwrite: boolean): Promise<boolean> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content, { flush: true });
  try {
    if (overwrite) {
      await rename(temporary, path);
      return true;
    }
    await link(temporary, path);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}
