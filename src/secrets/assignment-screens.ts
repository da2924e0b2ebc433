// Byte screens for assignments (see byte-screens.ts): a value run of a class after an operator,
// for the generic secret and password rules (with the name before it) and the providers' `assigned` patterns.
import type { ByteScreen } from './byte-screens.ts';
import { WORD_OR_DASH, byteSet, costly, runEnd, runStart } from './byte-screens.ts';

const OPERATOR_END = byteSet(/^[=:>]$/);
const EQUALS = 0x3d;
const COLON = 0x3a;
const QUOTE = byteSet(/^["'`]$/);
const SPACE = 0x20;
const TAB = 0x09;

/**
 * For the generic assignments (`(?:NAME)(?![a-z])[\w-]{0,12}["']?[ \t]{0,3}(?:=|:|=>|:=)[ \t]{0,3}(?<q>["'\x60])(?<secret>[class]{minimum,…`,
 * case-insensitive, each NAME ending with one of `names`): whether the bytes hold such a name, the
 * operator, at most 3 blanks, a quote and `minimum` bytes of the value class. The quote is not in the
 * class, so the value starts a run of class bytes: each run of `minimum` found (runStart) is checked
 * for the quote, operator and name before it. For a negated class (`[^\s"'\x60\\]`), a character from
 * 0x80 up is one or more bytes that are all in it: a run of `minimum` characters is a run of at least
 * `minimum` bytes.
 */
export function quotedValueScreen(valueClass: Uint8Array, minimum: number, names: readonly string[]): ByteScreen {
  const lowerNames = names.map((name) => [...Buffer.from(name.toLowerCase(), 'latin1')]);
  return costly((bytes, length) => {
    const end = Math.min(length, bytes.byteLength);
    for (let start = runStart(bytes, valueClass, minimum, 0, end); start !== -1; ) {
      const operator = quotedAfterOperator(bytes, start - 1);
      if (operator !== -1 && namedBefore(bytes, operator, lowerNames)) return true;
      // No other start inside this run follows a byte outside the class: go past its end.
      start = runStart(bytes, valueClass, minimum, runEnd(bytes, valueClass, start + minimum, end) + 1, end);
    }
    return false;
  });
}

/** Where the operator ending in `[=:>]` before the quote at `quote` (and at most 3 blanks) ends, or -1. */
function quotedAfterOperator(bytes: Uint8Array, quote: number): number {
  if (quote < 1 || QUOTE[bytes[quote] ?? 0] !== 1) return -1;
  for (let position = quote - 1; position >= 0 && position >= quote - 4; position -= 1) {
    const byte = bytes[position] ?? 0;
    if (OPERATOR_END[byte] === 1) return position;
    if (byte !== SPACE && byte !== TAB) return -1;
  }
  return -1;
}

const GREATER = 0x3e;
const NAME_QUOTE = byteSet(/^["']$/);
/** How many `[\w-]` characters may stand between the name and the quote or operator. */
const NAME_SUFFIX = 12;

/**
 * Whether the operator ending at `end` (`=`, `:`, `=>` or `:=`) follows at most 3 blanks, an optional
 * `"` or `'`, at most 12 `[\w-]` bytes and one of the names (lower-case bytes; ASCII case ignored).
 */
function namedBefore(bytes: Uint8Array, end: number, names: readonly (readonly number[])[]): boolean {
  const last = bytes[end];
  const previous = bytes[end - 1];
  if (last === GREATER && previous !== EQUALS) return false;
  const twoBytes = last === GREATER || (last === EQUALS && previous === COLON);
  let position = end - (twoBytes ? 2 : 1);
  for (let blanks = 0; position >= 0 && (bytes[position] === SPACE || bytes[position] === TAB); blanks += 1) {
    if (blanks === 3) return false;
    position -= 1;
  }
  if (position >= 0 && NAME_QUOTE[bytes[position] ?? 0] === 1) position -= 1;
  // The name ends right after `position`, or up to 12 `[\w-]` bytes earlier.
  for (let suffix = 0; suffix <= NAME_SUFFIX; suffix += 1) {
    const nameEnd = position + 1 - suffix;
    if (names.some((name) => endsWith(bytes, nameEnd, name))) return true;
    if (nameEnd < 1 || WORD_OR_DASH[bytes[nameEnd - 1] ?? 0] !== 1) return false;
  }
  return false;
}

/** Whether `bytes[..end)` ends with the lower-case ASCII letters of `name`, in either case. */
function endsWith(bytes: Uint8Array, end: number, name: readonly number[]): boolean {
  const start = end - name.length;
  if (start < 0) return false;
  for (let index = 0; index < name.length; index += 1) if (((bytes[start + index] ?? 0) | 0x20) !== name[index]) return false;
  return true;
}

/** `[\s'"\x60]` as bytes, and every byte from 0x80 up (part of a character that may be a Unicode blank). */
const ASSIGNMENT_GAP = byteSet(/^[\s'"`]$/, 1);
/** The last character of `=`, `:=`, `::`, `:`, `=>` or `,`. */
const ASSIGNMENT_END = byteSet(/^[=:>,]$/);
/** At most 5 characters of the gap, each at most 3 bytes. */
const ASSIGNMENT_GAP_BYTES = 15;

/**
 * For provider assignments (`(?:=|:=|::|:|=>|,)[\s'"\x60]{0,5}(?<secret>[class]{minimum…`, the class
 * holding none of the gap and operator characters, so that the secret starts a run of class bytes):
 * whether some run of `minimum` class bytes follows an operator's last character and at most 5 gap
 * characters (15 bytes: a Unicode blank takes up to 3).
 */
export function assignedValueScreen(valueClass: Uint8Array, minimum: number): ByteScreen {
  return costly((bytes, length) => {
    const end = Math.min(length, bytes.byteLength);
    for (let start = runStart(bytes, valueClass, minimum, 0, end); start !== -1; ) {
      if (assignedBefore(bytes, start)) return true;
      start = runStart(bytes, valueClass, minimum, runEnd(bytes, valueClass, start + minimum, end) + 1, end);
    }
    return false;
  });
}

function assignedBefore(bytes: Uint8Array, start: number): boolean {
  for (let position = start - 1; position >= 0 && position >= start - 1 - ASSIGNMENT_GAP_BYTES; position -= 1) {
    const byte = bytes[position] ?? 0;
    if (ASSIGNMENT_END[byte] === 1) return true;
    if (ASSIGNMENT_GAP[byte] !== 1) return false;
  }
  return false;
}

/** Whether an ASCII class holds none of the assignment's gap and operator characters (assignedValueScreen applies). */
export function isAssignmentFree(valueClass: Uint8Array): boolean {
  for (let byte = 0; byte < 128; byte += 1) if (valueClass[byte] === 1 && (ASSIGNMENT_GAP[byte] === 1 || ASSIGNMENT_END[byte] === 1)) return false;
  return true;
}
