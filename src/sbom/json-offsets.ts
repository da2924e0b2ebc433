// Offsets of values inside a JSON text already known to be valid (JSON.parse succeeded), so that a
// component read from an SBOM can point at its own line. The scanning is the packages area's
// (lockfile entries need the same thing); these are the shapes the SBOM readers use.
import { jsonElements, jsonMembers } from '../packages/index.ts';

/** Offset of the value of `key` in the object starting at `objectStart`, or undefined. */
export function memberValueStart(text: string, objectStart: number, key: string): number | undefined {
  return jsonMembers(text, objectStart).get(key)?.valueStart;
}

/** Start and end offsets of the elements of the array starting at `arrayStart`. */
export function elementRanges(text: string, arrayStart: number | undefined): { start: number; end: number }[] {
  return arrayStart === undefined ? [] : jsonElements(text, arrayStart);
}

/** The offset where the top-level value starts (after a byte-order mark and whitespace). */
export function rootStart(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}
