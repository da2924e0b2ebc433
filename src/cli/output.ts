import { writeFileAtomic } from '../core/fs.ts';
import { PalisadeError } from '../core/errors.ts';
import type { CliIo } from './io.ts';

/** Writes to FILE atomically, or to stdout. */
export async function emit(text: string, outputPath: string | undefined, io: CliIo): Promise<void> {
  if (outputPath === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFileAtomic(outputPath, text);
  } catch (error) {
    throw new PalisadeError('OUTPUT_FAILED', `${outputPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
