import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import { fingerprint } from './finding.ts';
import { sha256Hex, sha256Text } from './sha256.ts';

/** A deterministic pseudo-random string of `length` UTF-16 code units, ASCII-heavy, with any code unit (lone surrogates included). */
function randomText(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const code = state % 10 < 7 ? state % 128 : (state >>> 8) % 65536;
    text += String.fromCharCode(code);
  }
  return text;
}

const FIXED: readonly string[] = [
  '',
  'a',
  'abc',
  '\u0000',
  'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
  'é',
  '€',
  '😀',
  '\ud800',
  '\udc00',
  'a\ud800b',
  '\ud800\ud800',
  '\udc00\ud800',
  'x\ud83d',
  '\ud83d\ude00\ud83d',
  '\uffff\ufffe\ufeff',
  'DKR-0103\u0000Dockerfile\u0000stage:0\u0000missingUser\u0000RUN apt-get install -y curl\u0000',
];

/** Every length around the padding boundaries (55/56/64 bytes and their multiples), in 1-, 2-, 3- and 4-byte characters. */
const BOUNDARIES: readonly string[] = Array.from({ length: 200 }, (_, length) => [
  'a'.repeat(length),
  'é'.repeat(length),
  '€'.repeat(length),
  `${'😀'.repeat(length)}z`,
  `${'a'.repeat(length)}\ud800`,
]).flat();

const RANDOM: readonly string[] = Array.from({ length: 2000 }, (_, seed) => randomText(seed + 1, seed % 300));

const LONG: readonly string[] = ['q'.repeat(1_000_000), randomText(7, 100_000), 'é'.repeat(70_000)];

describe('sha256Hex', () => {
  it('is node:crypto’s SHA-256 of the UTF-8 bytes (lone surrogates as U+FFFD) for every input', () => {
    for (const input of [...FIXED, ...BOUNDARIES, ...RANDOM, ...LONG]) {
      assert.equal(sha256Hex(input), hash('sha256', input, 'hex'), JSON.stringify(input.slice(0, 40)));
    }
  });

  it('gives the FIPS 180-4 test vectors', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('returns the first words of the digest when asked', () => {
    assert.equal(sha256Hex('abc', 4), 'ba7816bf8f01cfea414140de5dae2223');
    assert.equal(sha256Hex('abc', 1), 'ba7816bf');
  });
});

describe('sha256Text', () => {
  it('is node:crypto’s hash in JavaScript and after the switch to node:crypto', () => {
    // More calls than the JavaScript hashes a process makes, so both ways are compared.
    for (let index = 0; index < 300; index++) {
      const input = randomText(index + 90_000, index % 150);
      assert.equal(sha256Text(input), hash('sha256', input, 'hex'), JSON.stringify(input.slice(0, 40)));
    }
  });
});

describe('fingerprint', () => {
  it('is the first 128 bits of the SHA-256 of the parts, each ended by NUL, in JavaScript and after the switch to node:crypto', () => {
    // More calls than the JavaScript hashes a process makes, so both ways are compared.
    for (let index = 0; index < 600; index++) {
      const parts = [`DKR-0${index % 200}`, randomText(index + 11, index % 90), 'stage', randomText(index + 5000, 7)];
      assert.equal(fingerprint(parts), hash('sha256', parts.map((part) => `${part}\u0000`).join(''), 'hex').slice(0, 32));
    }
  });

  it('keeps the fingerprints of the report contract', () => {
    assert.equal(fingerprint([]), 'e3b0c44298fc1c149afbf4c8996fb924');
    assert.equal(fingerprint(['a', 'b']), hash('sha256', 'a\u0000b\u0000', 'hex').slice(0, 32));
  });
});
