/**
 * Byte screens: necessary conditions for a detector's match, checked on a file's UTF-8 bytes before
 * they are decoded. A screen returns false only when the detector's regex cannot match the decoded
 * text; a scan may then skip the rule, and skip decoding a file that no other rule needs. The checks
 * look at ASCII bytes only: an ASCII byte decodes to the same character and no other byte decodes
 * to an ASCII character, so an all-ASCII match in the text is the same run of bytes.
 */

/** The bytes of a character class over ASCII (1 = in the class). */
function byteSet(pattern: RegExp): Uint8Array {
  const set = new Uint8Array(256);
  for (let byte = 0; byte < 128; byte += 1) set[byte] = pattern.test(String.fromCharCode(byte)) ? 1 : 0;
  return set;
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
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength));
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
