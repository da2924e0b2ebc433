/**
 * Byte screens: necessary conditions for a detector's match, checked on a file's UTF-8 bytes before
 * they are decoded. A screen returns false only when the detector's regex cannot match the decoded
 * text; a scan may then skip the rule, and skip decoding a file that no other rule needs. The checks
 * look at ASCII bytes only: an ASCII byte decodes to the same character and no other byte decodes
 * to an ASCII character, so an all-ASCII match in the text is the same run of bytes.
 */

/** A necessary condition for a match on `bytes[0..length)` (rule-gate.ts's `BytesScreen`). */
export type ByteScreen = (bytes: Uint8Array, length: number) => boolean;

/**
 * The bytes of a character class over ASCII (1 = in the class); bytes from 0x80 up are `nonAscii`
 * (1 for a negated class such as `[^\s"]`, whose non-ASCII characters are all in it).
 */
export function byteSet(pattern: RegExp, nonAscii: 0 | 1 = 0): Uint8Array {
  const set = new Uint8Array(256).fill(nonAscii);
  for (let byte = 0; byte < 128; byte += 1) set[byte] = pattern.test(String.fromCharCode(byte)) ? 1 : 0;
  return set;
}

/** Screens that look at every byte in JavaScript (about a nanosecond a byte), not through a native search. */
const costlyScreens = new WeakSet<ByteScreen>();

/**
 * Whether the screen reads the whole file in JavaScript: worth running only when its failure can
 * spare decoding the file (rule-gate.ts runs it last, and not at all once the file is to be decoded).
 */
export function isCostlyScreen(screen: ByteScreen): boolean {
  return costlyScreens.has(screen);
}

/** Marks a screen as costly (isCostlyScreen). */
export function costly(screen: ByteScreen): ByteScreen {
  costlyScreens.add(screen);
  return screen;
}

/** A view of `bytes[0..length)` as a Buffer (no copy), for its native `indexOf`. */
function viewOf(bytes: Uint8Array, length: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength));
}

const URL_USER = byteSet(/^[\w.%~-]$/);
const URL_PASSWORD = byteSet(/^[\w.%~!$&*+=-]$/);
const COLON = 0x3a;

/**
 * Whether the bytes hold `://`, then 1 to 64 user-name characters `[\w.%~-]`, `:` and 8 password
 * characters `[\w.%~!$&*+=-]`: the anchor of the URL-credential rule, without which it finds nothing.
 * `indexOf` (a native search) finds each `://`; a few bytes after it are looked at.
 */
export function mayHoldUrlCredentials(bytes: Uint8Array, length: number): boolean {
  const view = viewOf(bytes, length);
  for (let at = view.indexOf('://'); at !== -1; at = view.indexOf('://', at + 1)) {
    const userStart = at + 3;
    const userEnd = Math.min(view.length, userStart + 64);
    let index = userStart;
    while (index < userEnd && URL_USER[view[index] ?? 0] === 1) index += 1;
    if (index === userStart || view[index] !== COLON) continue;
    if (passwordFollows(view, index + 1)) return true;
  }
  return false;
}

function passwordFollows(view: Buffer, start: number): boolean {
  if (start + 8 > view.length) return false;
  for (let index = start; index < start + 8; index += 1) if (URL_PASSWORD[view[index] ?? 0] !== 1) return false;
  return true;
}

export const WORD_OR_DASH = byteSet(/^[\w-]$/);

/**
 * For a pattern that starts `(?<![\w-])(?<secret>LITERAL[class]{minimum…` (case-sensitive, the class
 * ASCII only): whether some occurrence of one of the spellings (its literal, then one byte of its
 * `tail` class if it has one) is not preceded by a `[\w-]` byte and is followed by `minimum` bytes of
 * the class. A byte from 0x80 up before it is part of a character that is not
 * `[\w-]`, so it does not rule the occurrence out. With `tokenStart` false, the byte before is not
 * looked at (a literal inside the pattern, such as `:AA` in `\d{8,10}:AA[…]{33}`).
 */
export function literalTokenScreen(spellings: readonly TokenSpelling[], valueClass: Uint8Array, minimum: number, tokenStart = true): ByteScreen {
  const needles = spellings.map((spelling) => ({ needle: Buffer.from(spelling.literal, 'latin1'), tail: spelling.tail }));
  return (bytes, length) => {
    const view = viewOf(bytes, length);
    return needles.some(({ needle, tail }) => literalThenRun(view, needle, tail, { valueClass, minimum, tokenStart }));
  };
}

/** A token's literal start, and the class of one more character after it (if any). */
export interface TokenSpelling {
  readonly literal: string;
  readonly tail?: Uint8Array;
}

interface RunAfter {
  readonly valueClass: Uint8Array;
  readonly minimum: number;
  readonly tokenStart: boolean;
}

function literalThenRun(view: Buffer, needle: Buffer, tail: Uint8Array | undefined, after: RunAfter): boolean {
  for (let at = view.indexOf(needle); at !== -1; at = view.indexOf(needle, at + 1)) {
    if (after.tokenStart && at > 0 && WORD_OR_DASH[view[at - 1] ?? 0] === 1) continue;
    const end = at + needle.length;
    if (tail !== undefined && (end >= view.length || tail[view[end] ?? 0] !== 1)) continue;
    if (classRun(view, tail === undefined ? end : end + 1, after.minimum, after.valueClass)) return true;
  }
  return false;
}

/** Whether the bytes hold a run of `minimum` bytes of an ASCII class (a secret made of such a run). */
export function classRunScreen(valueClass: Uint8Array, minimum: number): ByteScreen {
  return costly((bytes, length) => runStart(bytes, valueClass, minimum, 0, Math.min(length, bytes.byteLength)) !== -1);
}

/**
 * The start of the first run of at least `minimum` class bytes in `bytes[from..end)`, or -1; `from`
 * is 0 or follows a byte outside the class, so the start found follows one too. It looks at the last
 * byte of each window first: outside the class, the window cannot hold the run and the search jumps
 * past it, so most bytes of ordinary text are never read.
 */
export function runStart(bytes: Uint8Array, valueClass: Uint8Array, minimum: number, from: number, end: number): number {
  let start = from;
  while (start + minimum <= end) {
    const probe = start + minimum - 1;
    if (valueClass[bytes[probe] ?? 0] !== 1) {
      start = probe + 1;
      continue;
    }
    let back = probe - 1;
    while (back >= start && valueClass[bytes[back] ?? 0] === 1) back -= 1;
    if (back < start) return start;
    start = back + 1;
  }
  return -1;
}

/** The first index at or after `from` whose byte is outside the class (or `end`). */
export function runEnd(bytes: Uint8Array, valueClass: Uint8Array, from: number, end: number): number {
  let index = from;
  while (index < end && valueClass[bytes[index] ?? 0] === 1) index += 1;
  return index;
}

/** Whether `view[start..start+count)` exists and is all in the class. */
function classRun(view: Uint8Array, start: number, count: number, valueClass: Uint8Array): boolean {
  if (start + count > view.length) return false;
  for (let index = start; index < start + count; index += 1) if (valueClass[view[index] ?? 0] !== 1) return false;
  return true;
}

const EQUALS = 0x3d;
const SPACE = 0x20;
const TAB = 0x09;

const NPMRC_KEYS = [Buffer.from('_auth'), Buffer.from('_password')];
const TOKEN = Buffer.from('Token');

/**
 * For `.npmrc` credentials (`_authToken`, `_auth` or `_password`, blanks, `=`): whether one of the
 * keys is followed by blanks and `=`.
 */
export function mayHoldNpmrcAuth(bytes: Uint8Array, length: number): boolean {
  const view = viewOf(bytes, length);
  return NPMRC_KEYS.some((key) => keyThenEquals(view, key));
}

function keyThenEquals(view: Buffer, key: Buffer): boolean {
  for (let at = view.indexOf(key); at !== -1; at = view.indexOf(key, at + 1)) {
    const after = at + key.length;
    if (equalsAfterBlanks(view, after)) return true;
    if (key === NPMRC_KEYS[0] && view.subarray(after, after + TOKEN.length).equals(TOKEN) && equalsAfterBlanks(view, after + TOKEN.length)) return true;
  }
  return false;
}

function equalsAfterBlanks(view: Uint8Array, start: number): boolean {
  let index = start;
  while (index < view.length && (view[index] === SPACE || view[index] === TAB)) index += 1;
  return view[index] === EQUALS;
}
