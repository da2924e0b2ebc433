// Helpers shared by the target lists: fixture samples and the common property of text parsers.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanError, SourceDocument } from '../../../src/core/index.ts';
import { createSourceDocument } from '../../../src/core/index.ts';
import type { FuzzTarget, InputSyntax } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, utf8 } from '../harness.ts';

export const REPO = join(import.meta.dirname, '..', '..', '..');

/** A file of the repository as text. */
export function fixture(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

/** A file of the repository as bytes. */
export function fixtureBytes(path: string): Buffer {
  return readFileSync(join(REPO, path));
}

/** Every file under `folder` whose name ends with one of `extensions`, recursively, as text. */
export function fixturesIn(folder: string, extensions: readonly string[], limit = 12): string[] {
  const root = join(REPO, folder);
  const found: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, entry);
    if (!extensions.some((extension) => entry.endsWith(extension)) || !statSync(path).isFile()) continue;
    if (statSync(path).size > 200_000) continue;
    found.push(readFileSync(path, 'utf8'));
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * A target for a parser of a SourceDocument that reports problems as ScanErrors: it never throws,
 * and every error names the file and a line inside it.
 */
export function documentTarget<O extends { readonly errors: readonly ScanError[] }>(
  name: string,
  syntax: InputSyntax,
  samples: readonly string[],
  parse: (source: SourceDocument) => O | undefined,
  extra?: (source: SourceDocument, output: O) => void,
): FuzzTarget {
  const path = `fuzz/${name}`;
  return {
    name,
    syntax,
    samples,
    check(input) {
      const source = createSourceDocument(path, utf8(input));
      const output = onlyCodedErrors(() => parse(source), []);
      if (output === undefined) return;
      checkScanErrors(output.errors, path, source.text);
      extra?.(source, output);
    },
  };
}
