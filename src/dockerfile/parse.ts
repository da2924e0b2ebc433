import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result, ScanError, SourceDocument } from '../core/index.ts';
import { err } from '../core/index.ts';
import { parseLexed } from './parse-lexed.ts';
import type { ParsedDockerfile } from './parse-shared.ts';
import { errorAt } from './parse-shared.ts';

export type { ParsedDockerfile } from './parse-shared.ts';

/**
 * Parses a Dockerfile into the model. Binary content and a file without FROM are errors; everything
 * else is kept, positions included. Our lexer reads every file without here-documents; those (and,
 * as a safety net, a file the lexer fails on) go through `dockerfile-ast`, with the same model.
 */
export function parseDockerfile(source: SourceDocument): Result<ParsedDockerfile, ScanError> {
  const nul = source.text.indexOf('\u0000');
  if (nul !== -1) return err(errorAt(source, nul, 'Binary content (a NUL byte) is not a Dockerfile.'));
  try {
    const lexed = parseLexed(source);
    if (lexed !== undefined) return lexed;
  } catch {
    // A lexer bug must not lose the file: the reference parser reads it instead.
  }
  return astParser()(source);
}

let parseWithAst: ((source: SourceDocument) => Result<ParsedDockerfile, ScanError>) | undefined;

/**
 * parse-ast.ts, loaded on first use: `dockerfile-ast` costs about 45 ms to load, and only files with
 * here-documents need it. (`.ts` in a checkout, `.js` in the compiled package.)
 */
function astParser(): (source: SourceDocument) => Result<ParsedDockerfile, ScanError> {
  if (parseWithAst === undefined) {
    const here = fileURLToPath(import.meta.url);
    const loaded: typeof import('./parse-ast.ts') = createRequire(here)(`./parse-ast${extname(here)}`);
    parseWithAst = loaded.parseWithAst;
  }
  return parseWithAst;
}
