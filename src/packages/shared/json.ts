import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { Result } from '../../core/index.ts';
import { err, ok } from '../../core/result.ts';
import { entryError } from '../model.ts';
import { conflictMarker } from './text.ts';

/** One member of a JSON object: offsets of its key, and of its value's start and end (exclusive). */
export interface JsonMember {
  readonly keyStart: number;
  readonly valueStart: number;
  readonly end: number;
}

function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Offset just past the string starting at `index` (its opening quote); native searches, no per-character loop. */
function skipString(text: string, index: number): number {
  let from = index + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const STRUCTURAL = /["{}[\]]/g;

/** Offset just past the JSON value starting at `index` (the text is known to be valid JSON). */
export function skipJsonValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first !== '{' && first !== '[') {
    let i = index;
    while (i < text.length && !',}] \n\r\t'.includes(text[i] ?? ',')) i++;
    return i;
  }
  let depth = 0;
  STRUCTURAL.lastIndex = index;
  for (;;) {
    const match = STRUCTURAL.exec(text);
    if (match === null) return text.length;
    const char = match[0];
    if (char === '"') {
      STRUCTURAL.lastIndex = skipString(text, match.index);
      continue;
    }
    depth += char === '{' || char === '[' ? 1 : -1;
    if (depth === 0) return match.index + 1;
  }
}

/** The members of the object starting at `objectStart` (its `{`), in file order; later duplicates win, as in JSON.parse. */
export function jsonMembers(text: string, objectStart: number): Map<string, JsonMember> {
  const members = new Map<string, JsonMember>();
  if (text[objectStart] !== '{') return members;
  let i = skipWhitespace(text, objectStart + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = skipString(text, i);
    const rawKey = text.slice(i + 1, keyEnd - 1);
    const key = rawKey.includes('\\') ? String(JSON.parse(`"${rawKey}"`)) : rawKey;
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const end = skipJsonValue(text, valueStart);
    members.set(key, { keyStart: i, valueStart, end });
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return members;
}

/** The elements of the array starting at `arrayStart` (its `[`): start and end offsets. */
export function jsonElements(text: string, arrayStart: number): { start: number; end: number }[] {
  const elements: { start: number; end: number }[] = [];
  if (text[arrayStart] !== '[') return elements;
  let i = skipWhitespace(text, arrayStart + 1);
  while (i < text.length && text[i] !== ']') {
    const end = skipJsonValue(text, i);
    elements.push({ start: i, end });
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
    else break;
  }
  return elements;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

/** Parses a whole JSON document; a merge conflict or a syntax error becomes one error with its position. */
export function parseJsonDocument(source: SourceDocument): Result<{ value: Record<string, unknown>; rootStart: number }, ScanError> {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return err(entryError(source, marker, 'Unresolved merge conflict marker in the file.'));
  let value: unknown;
  try {
    value = JSON.parse(source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return err(entryError(source, offset, `Invalid JSON: ${message}`));
  }
  if (!isRecord(value)) return err(entryError(source, 0, 'Expected a JSON object at the top level.'));
  return ok({ value, rootStart: skipWhitespace(source.text, source.text.charCodeAt(0) === 0xfeff ? 1 : 0) });
}
