import { stat, readFile } from 'node:fs/promises';
import type { SourceDocument } from '../core/index.ts';
import { PalisadeError, createSourceDocument } from '../core/index.ts';
import { decodeText } from '../core/fs.ts';
import { isRecord, readCycloneDxJson, stringOf } from './read-cyclonedx-json.ts';
import { cycloneDxNamespace, readCycloneDxXml } from './read-cyclonedx-xml.ts';
import type { ReadDocument, SbomContent } from './read-model.ts';
import { readSpdxJson } from './read-spdx.ts';
import { toInventories } from './to-inventories.ts';
import { parseXml } from './xml.ts';

export interface ReadSbomOptions {
  /** The path findings name (relative to the scan root); defaults to the path given. */
  readonly displayPath?: string;
  /** Larger files are refused with SBOM_INVALID. Default 256 MiB. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

function invalid(document: SourceDocument, offset: number, message: string): PalisadeError {
  const position = document.lines.positionAt(offset);
  return new PalisadeError('SBOM_INVALID', `${document.path}:${position.line}:${position.column}: ${message}`, { position: { path: document.path, line: position.line, column: position.column } });
}

function readJson(document: SourceDocument): ReadDocument {
  let value: unknown;
  try {
    value = JSON.parse(document.text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const offset = message.includes('end of JSON input') ? document.text.length : Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    throw invalid(document, offset, `not JSON or XML: ${message}`);
  }
  if (!isRecord(value)) throw invalid(document, 0, 'a JSON SBOM is an object at the top level');
  const spdxVersion = stringOf(value, 'spdxVersion');
  if (value['bomFormat'] === 'CycloneDX') {
    const specVersion = stringOf(value, 'specVersion') ?? '';
    if (!/^1\.\d+$/.test(specVersion)) throw invalid(document, 0, `unsupported CycloneDX specVersion "${specVersion}" (expected 1.x)`);
    return readCycloneDxJson(document, value);
  }
  if (spdxVersion !== undefined) {
    if (!/^SPDX-2\.\d+$/.test(spdxVersion)) throw invalid(document, 0, `unsupported spdxVersion "${spdxVersion}" (expected SPDX-2.x JSON)`);
    return readSpdxJson(document, value);
  }
  throw invalid(document, 0, 'JSON, but neither CycloneDX (bomFormat) nor SPDX (spdxVersion)');
}

function readXml(document: SourceDocument): ReadDocument {
  const reading = parseXml(document.text);
  if (!reading.ok) throw invalid(document, reading.offset, `malformed XML: ${reading.message}`);
  if (reading.root.name !== 'bom' || cycloneDxNamespace(reading.root) === undefined) throw invalid(document, reading.root.start, 'XML, but not a CycloneDX <bom>');
  return readCycloneDxXml(document, reading.root);
}

/**
 * Reads an SBOM document: CycloneDX JSON (1.x; Palisade's or another tool's), CycloneDX XML or
 * SPDX 2.x JSON, detected from the content. Returns one package inventory per ecosystem whose
 * entries point at the component's lines in the SBOM. A document that is none of these throws
 * PalisadeError SBOM_INVALID with its position; problems with single components are returned.
 */
export function parseSbom(document: SourceDocument): SbomContent {
  const first = /\S/.exec(document.text);
  const read = first?.[0] === '<' ? readXml(document) : readJson(document);
  return toInventories(document, read);
}

/** Reads and parses an SBOM file (see `parseSbom`); a missing file is TARGET_NOT_FOUND, an unreadable one FILE_UNREADABLE. */
export async function readSbom(path: string, options: ReadSbomOptions = {}): Promise<SbomContent> {
  const displayPath = options.displayPath ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) throw new PalisadeError('SBOM_INVALID', `${displayPath}: ${size} bytes, over the limit of ${maxBytes}`, { position: { path: displayPath } });
    bytes = await readFile(path);
  } catch (cause) {
    if (cause instanceof PalisadeError) throw cause;
    const missing = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT';
    throw new PalisadeError(missing ? 'TARGET_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read the SBOM ${displayPath}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, position: { path: displayPath } });
  }
  return parseSbom(createSourceDocument(displayPath, decodeText(bytes)));
}
