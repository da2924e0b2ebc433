// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, in JavaScript: a small scan's fingerprints and secret
// hashes without loading node:crypto and initialising OpenSSL (decision 0039-s-start-up-without-unused-built-ins).
// The string is encoded as Node encodes one for `hash()` (`Buffer.from(string, 'utf8')`): a lone
// surrogate becomes U+FFFD. sha256.test.ts compares it with node:crypto over a table of inputs.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/**
 * The SHA-256 of `input`'s UTF-8 bytes in lower-case hex (as node:crypto's `hash('sha256', input, 'hex')`).
 * A process's first calls hash in JavaScript, the rest with node:crypto, loaded then: loading it and
 * initialising OpenSSL cost a one-file scan about 32 M instructions (12% of it), more than this many
 * hashes in JavaScript, which is 3-4 times slower per hash than node:crypto once warm.
 */
export function sha256Text(input: string): string {
  if (hashedInJs < JS_HASHES) {
    hashedInJs++;
    return sha256Hex(input);
  }
  cryptoHash ??= process.getBuiltinModule('node:crypto').hash;
  return cryptoHash('sha256', input, 'hex');
}

const JS_HASHES = 128;
let hashedInJs = 0;
let cryptoHash: typeof import('node:crypto').hash | undefined;

/** Reused between calls: the message schedule, the state, and the padded message's bytes. */
const W = new Int32Array(64);
const H = new Int32Array(8);
let message = new Uint8Array(512);

/** The first `words` 32-bit words (1–8) of the SHA-256 digest of `input`'s UTF-8 bytes, in lower-case hex. */
export function sha256Hex(input: string, words = 8): string {
  const length = encodeUtf8(input);
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks * 64;
  message[length] = 0x80;
  message.fill(0, length + 1, end - 4);
  const bits = length * 8;
  message[end - 8] = 0;
  message[end - 7] = 0;
  message[end - 6] = 0;
  message[end - 5] = Math.floor(length / 0x20000000) & 0xff;
  message[end - 4] = bits >>> 24;
  message[end - 3] = (bits >>> 16) & 0xff;
  message[end - 2] = (bits >>> 8) & 0xff;
  message[end - 1] = bits & 0xff;
  H.set(INITIAL);
  for (let offset = 0; offset < end; offset += 64) compress(offset);
  let hex = '';
  for (let index = 0; index < words; index++) hex += ((H[index] ?? 0) >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** Writes `input`'s UTF-8 bytes at the start of `message` (grown when needed); returns their count. */
function encodeUtf8(input: string): number {
  if (message.length < input.length * 3 + 72) message = new Uint8Array(input.length * 3 + 72);
  const bytes = message;
  let length = 0;
  for (let index = 0; index < input.length; index++) {
    let code = input.charCodeAt(index);
    if (code < 0x80) {
      bytes[length++] = code;
      continue;
    }
    if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >>> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = code <= 0xdbff && index + 1 < input.length ? input.charCodeAt(index + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) {
        code = 0xfffd;
      } else {
        index++;
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        bytes[length++] = 0xf0 | (point >>> 18);
        bytes[length++] = 0x80 | ((point >>> 12) & 0x3f);
        bytes[length++] = 0x80 | ((point >>> 6) & 0x3f);
        bytes[length++] = 0x80 | (point & 0x3f);
        continue;
      }
    }
    bytes[length++] = 0xe0 | (code >>> 12);
    bytes[length++] = 0x80 | ((code >>> 6) & 0x3f);
    bytes[length++] = 0x80 | (code & 0x3f);
  }
  return length;
}

/** One 64-byte block of `message` at `offset` into the state `H`. */
function compress(offset: number): void {
  const bytes = message;
  for (let index = 0; index < 16; index++) {
    const at = offset + index * 4;
    W[index] = ((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
  }
  for (let index = 16; index < 64; index++) {
    const w15 = W[index - 15] ?? 0;
    const w2 = W[index - 2] ?? 0;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[index] = ((W[index - 16] ?? 0) + s0 + (W[index - 7] ?? 0) + s1) | 0;
  }
  let a = H[0] ?? 0;
  let b = H[1] ?? 0;
  let c = H[2] ?? 0;
  let d = H[3] ?? 0;
  let e = H[4] ?? 0;
  let f = H[5] ?? 0;
  let g = H[6] ?? 0;
  let h = H[7] ?? 0;
  for (let index = 0; index < 64; index++) {
    const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + sum1 + ((e & f) ^ (~e & g)) + (K[index] ?? 0) + (W[index] ?? 0)) | 0;
    const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (sum0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] ?? 0) + a;
  H[1] = (H[1] ?? 0) + b;
  H[2] = (H[2] ?? 0) + c;
  H[3] = (H[3] ?? 0) + d;
  H[4] = (H[4] ?? 0) + e;
  H[5] = (H[5] ?? 0) + f;
  H[6] = (H[6] ?? 0) + g;
  H[7] = (H[7] ?? 0) + h;
}
