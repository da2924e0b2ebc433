import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { Result } from '../../core/index.ts';
import { err, ok } from '../../core/result.ts';
import { entryError } from '../model.ts';
import { conflictMarker } from './text.ts';
import type { TomlArrayItem, TomlDocument } from './toml.ts';
import { parseToml } from './toml.ts';

/** Parses a TOML lockfile: a merge conflict fails the file; syntax errors are per line. */
export function readTomlLock(source: SourceDocument): Result<{ document: TomlDocument; errors: ScanError[] }, ScanError> {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return err(entryError(source, marker, 'Unresolved merge conflict marker in the file.'));
  const document = parseToml(source.text);
  const errors = document.errors.map((error) => entryError(source, error.offset, `Invalid TOML: ${error.message}; line skipped.`));
  return ok({ document, errors });
}

/** The `[[package]]` items. */
export function packageItems(document: TomlDocument): TomlArrayItem[] {
  return document.items.filter((item) => item.path === 'package');
}
