import type { Result, ScanError, SourceDocument } from '../core/index.ts';
import { err } from '../core/index.ts';
import { parseLexed } from './parse-lexed.ts';
import type { ParsedDockerfile } from './parse-shared.ts';
import { errorAt } from './parse-shared.ts';

export type { ParsedDockerfile } from './parse-shared.ts';

/**
 * Parses a Dockerfile into the model. Binary content and a file without FROM are errors; everything
 * else is kept, positions included. Our lexer (a port of `dockerfile-ast`, here-documents included:
 * docs/decisions/0034-h-heredocs-in-the-lexer.md) reads every file; a lexer failure is an error
 * entry for the file, never a crash of the scan.
 */
export function parseDockerfile(source: SourceDocument): Result<ParsedDockerfile, ScanError> {
  const nul = source.text.indexOf('\u0000');
  if (nul !== -1) return err(errorAt(source, nul, 'Binary content (a NUL byte) is not a Dockerfile.'));
  try {
    return parseLexed(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err({ path: source.path, code: 'PARSE_FAILED', message: `The Dockerfile parser failed: ${reason}`, startLine: 1, startColumn: 1 });
  }
}
