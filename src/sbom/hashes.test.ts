import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrityHashes } from './hashes.ts';

const SHA512_B64 = 'z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';
const SHA512_HEX = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

describe('integrityHashes', () => {
  const cases = [
    { integrity: undefined, want: [] },
    { integrity: `sha512-${SHA512_B64}`, want: [{ alg: 'SHA-512', content: SHA512_HEX }] },
    { integrity: 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=', want: [{ alg: 'SHA-1', content: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }] },
    { integrity: 'sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', want: [{ alg: 'SHA-256', content: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }] },
    { integrity: `sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= sha512-${SHA512_B64}`, want: [{ alg: 'SHA-1', content: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }, { alg: 'SHA-512', content: SHA512_HEX }] },
    { integrity: `SHA512-${SHA512_B64}?opt`, want: [{ alg: 'SHA-512', content: SHA512_HEX }] },
    { integrity: 'sha512-short', want: [] },
    { integrity: 'sha512-!!!!', want: [] },
    { integrity: 'md5-1B2M2Y8AsgTpgAmY7PhCfg==', want: [] },
    { integrity: 'h1:iURUrRGxPUNPdy5/HRSm+Yj6okJ6UtLINN0Q9M4+h3I=', want: [] },
    { integrity: 'Q1jGovqc5+9p/4/Q3xx/qG0fiw3g0=', want: [] },
    { integrity: '10c0/7f2a5e2d9c8f4b1a', want: [] },
  ] as const;
  for (const { integrity, want } of cases) {
    it(`reads ${String(integrity)}`, () => {
      assert.deepEqual(integrityHashes(integrity), want);
    });
  }
});
