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

/**
 * Pieces are joined into writes of about this many characters: few system calls, no report-sized
 * string. 16K characters, not 64K: a chunk with one non-Latin-1 character (`…`, `—`) becomes a
 * two-byte string, and at 64K that is 128 KiB, which V8 puts in large-object space with a fresh
 * mapping each time (a 28 MB report: 400-480 ms CPU to join at 64K, 9 ms at 16K).
 */
export const EMIT_CHUNK = 1 << 14;

/**
 * Writes text that comes in pieces (a reporter's `…Parts` generator) without ever holding it as one
 * string: to stdout in chunks of about EMIT_CHUNK characters, or to FILE atomically like `emit` (a
 * temporary file beside it, flushed, then renamed over it; removed if anything fails, so FILE is
 * either untouched or complete). The bytes are those of `emit(pieces.join(''))`. A file gets the
 * pieces as they come: `writeFileAtomic` encodes them into one buffer, so joining them into chunks
 * first would only copy the report once more (28 MB for the Kubernetes bench: 2.9% of its
 * instructions, decision 0040-lead-findings-written-from-rule-text).
 */
export async function emitParts(parts: Iterable<string>, outputPath: string | undefined, io: CliIo): Promise<void> {
  if (outputPath === undefined) {
    for (const chunk of chunked(parts)) io.stdout.write(chunk);
    return;
  }
  try {
    await writeFileAtomic(outputPath, parts);
  } catch (error) {
    throw new PalisadeError('OUTPUT_FAILED', `${outputPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function* chunked(parts: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size < EMIT_CHUNK) continue;
    yield pending.join('');
    pending = [];
    size = 0;
  }
  if (size > 0) yield pending.join('');
}
