// One entry point for VEX documents: detects OpenVEX or CycloneDX VEX and parses it.
import { readFile } from 'node:fs/promises';
import type { Result } from '../../core/index.ts';
import { PalisadeError, err } from '../../core/index.ts';
import { isCycloneDx, parseCycloneDxVex } from './cyclonedx.ts';
import { readJson } from './json.ts';
import type { VexDocument } from './model.ts';
import { isOpenVex, parseOpenVex } from './openvex.ts';

/** Parses a VEX document (`path` is used in messages and statement locations). */
export function parseVex(path: string, text: string): Result<VexDocument, PalisadeError> {
  const input = readJson(path, text);
  if (!input.ok) return input;
  if (isOpenVex(input.value.value)) return parseOpenVex(input.value);
  if (isCycloneDx(input.value.value)) return parseCycloneDxVex(input.value);
  return err(input.value.error([], 'not a VEX document: expected OpenVEX ("@context": "https://openvex.dev/ns/…") or CycloneDX ("bomFormat": "CycloneDX")'));
}

/** Reads and parses a VEX file; an unreadable file is FILE_UNREADABLE. */
export async function readVexFile(file: string, displayPath: string = file): Promise<Result<VexDocument, PalisadeError>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    return err(new PalisadeError('FILE_UNREADABLE', `${displayPath}: cannot read the VEX file.`, { cause, position: { path: displayPath } }));
  }
  return parseVex(displayPath, text);
}
