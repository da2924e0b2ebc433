// Where advisories come from on disk: a folder (every *.json below it), one .json file, or an OSV zip.
import type { Dirent, Stats } from 'node:fs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanError } from '../../core/index.ts';
import { PalisadeError } from '../../core/index.ts';
import { decodeText } from '../../core/fs.ts';
import { readZipEntries } from './zip.ts';

export type InputItem =
  | { readonly kind: 'text'; readonly path: string; readonly text: string }
  | { readonly kind: 'problem'; readonly problem: ScanError };

function problem(path: string, code: ScanError['code'], message: string): InputItem {
  return { kind: 'problem', problem: { path, code, message } };
}

/** Synchronous, as the reads below: node:fs/promises would load for this one call (decision 0039-s-start-up-without-unused-built-ins). */
function kindOf(path: string): 'folder' | 'zip' | 'json' {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    throw new PalisadeError('TARGET_NOT_FOUND', `${path}: no such file or folder.`, { cause: error, position: { path } });
  }
  if (info.isDirectory()) return 'folder';
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.json')) return 'json';
  throw new PalisadeError('TARGET_UNSUPPORTED', `${path}: expected a folder of OSV .json files, one .json file or an OSV .zip.`, { position: { path } });
}

/** Synchronous on purpose: a mirror folder holds 10^5 small files, and a thread-pool round trip per file costs more than the read. */
function readJsonFile(path: string, maxBytes: number): InputItem {
  try {
    const info = statSync(path);
    if (info.size > maxBytes) return problem(path, 'FILE_TOO_LARGE', `${path}: the file is ${info.size} bytes; the limit is ${maxBytes}`);
    return { kind: 'text', path, text: decodeText(readFileSync(path)) };
  } catch (error) {
    return problem(path, 'FILE_UNREADABLE', `${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every *.json file below `folder`, sorted, not following symbolic links. */
async function* jsonFiles(folder: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) yield path;
  }
}

/**
 * Yields the advisory texts of one input, with a problem for each file or entry that cannot be read.
 * Throws for the input as a whole: TARGET_NOT_FOUND, TARGET_UNSUPPORTED, or ADVISORY_INVALID for a corrupt zip.
 */
export async function* readAdvisoryInput(path: string, maxBytes: number): AsyncGenerator<InputItem> {
  const kind = kindOf(path);
  if (kind === 'json') {
    yield readJsonFile(path, maxBytes);
    return;
  }
  if (kind === 'folder') {
    for await (const file of jsonFiles(path)) yield readJsonFile(file, maxBytes);
    return;
  }
  for await (const item of readZipEntries(path, maxBytes)) {
    const where = `${path}!/${item.name}`;
    if (item.kind === 'skipped') yield problem(where, item.code, `${where}: ${item.message}`);
    else yield { kind: 'text', path: where, text: decodeText(item.data) };
  }
}
