import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { secretbox } from '@noble/ciphers/salsa.js';
import { isPalisadeError } from '../../core/errors.ts';
import { decryptBytes } from './encrypted.ts';
import { encodePem, encryptPrivateKey, exportPublicKey, generateKeyPair, loadPrivateKey, loadPublicKey, signData, verifyData } from './index.ts';

/** Asserts a KEY_INVALID error whose message matches. */
function assertKeyError(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => isPalisadeError(error) && error.code === 'KEY_INVALID' && message.test(error.message));
}

/** The spec, written out here without Palisade's module: scrypt(password, salt, N, r, p, 32) then nacl secretbox open. */
function specDecrypt(pem: string, password: string): Buffer {
  const lines = pem.trim().split('\n');
  assert.equal(lines[0], '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----');
  assert.equal(lines.at(-1), '-----END ENCRYPTED SIGSTORE PRIVATE KEY-----');
  const document: unknown = JSON.parse(Buffer.from(lines.slice(1, -1).join(''), 'base64').toString('utf8'));
  assert.ok(typeof document === 'object' && document !== null);
  const { kdf, cipher, ciphertext } = document as { kdf: { name: string; params: { N: number; r: number; p: number }; salt: string }; cipher: { name: string; nonce: string }; ciphertext: string };
  assert.equal(kdf.name, 'scrypt');
  assert.deepEqual(kdf.params, { N: 65536, r: 8, p: 1 });
  assert.equal(cipher.name, 'nacl/secretbox');
  assert.equal(Buffer.from(kdf.salt, 'base64').length, 32);
  assert.equal(Buffer.from(cipher.nonce, 'base64').length, 24);
  const key = scryptSync(password, Buffer.from(kdf.salt, 'base64'), 32, { ...kdf.params, maxmem: 256 * 1024 * 1024 });
  return Buffer.from(secretbox(key, Buffer.from(cipher.nonce, 'base64')).open(Buffer.from(ciphertext, 'base64')));
}

/** A cosign-format key built by hand (the test's own code), with Legacy parameters as older cosign wrote them. */
function handBuiltCosignKey(privateKey: KeyObject, password: string, pemType: string): string {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const params = { N: 32768, r: 8, p: 1 };
  const boxKey = scryptSync(password, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
  const sealed = secretbox(boxKey, nonce).seal(privateKey.export({ format: 'der', type: 'pkcs8' }));
  const json = JSON.stringify({
    kdf: { name: 'scrypt', params, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(sealed).toString('base64'),
  });
  return encodePem(pemType, Buffer.from(json));
}

describe('encrypted private keys (cosign format)', () => {
  const { privateKey, publicKey } = generateKeyPair();
  const pem = encryptPrivateKey(privateKey, 'correct horse');

  it('writes a key that the spec algorithm, implemented in this test, decrypts to the PKCS#8 DER', () => {
    const der = specDecrypt(pem, 'correct horse');
    const decrypted = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    assert.equal(decrypted.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.deepEqual(createPublicKey(decrypted).export({ format: 'der', type: 'spki' }), publicKey.export({ format: 'der', type: 'spki' }));
  });

  it('round-trips through loadPrivateKey, and signatures verify with the public key', () => {
    const loaded = loadPrivateKey(pem, 'correct horse');
    const signature = signData(loaded, Buffer.from('hello'));
    assert.equal(verifyData(loadPublicKey(exportPublicKey(publicKey)), Buffer.from('hello'), signature), true);
  });

  it('imports hand-built cosign keys under both PEM type names', () => {
    for (const type of ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY']) {
      const loaded = loadPrivateKey(handBuiltCosignKey(privateKey, 'pw', type), 'pw');
      assert.deepEqual(loaded.export({ format: 'der', type: 'pkcs8' }), privateKey.export({ format: 'der', type: 'pkcs8' }));
    }
  });

  it('decrypts the go-securesystemslib test vectors (Encrypt output, and Marshal output of Legacy and Standard)', () => {
    const raw = '{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"N9a7x5JFGbrtB2uBR81jPwp0eiLR4A7FV3mjVAQrg1g="},"cipher":{"name":"nacl/secretbox","nonce":"2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik"},"ciphertext":"SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ=="}';
    assert.equal(decryptBytes(raw, 'supersecret', 'vector').toString(), 'reallyimportant');
    // Marshal JSON-encodes the plaintext first: a Go []byte becomes a base64 JSON string.
    const marshalled = [
      '{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"WO3mVvyTwJ9vwT5/Tk5OW5WPIBUofMjcpEfrLnfY4uA="},"cipher":{"name":"nacl/secretbox","nonce":"tCy7HcTFr4uxv4Nrg/DWmncuZ148U1MX"},"ciphertext":"08n43p5G5yviPEZpO7tPPF4aZQkWiWjkv4taFdhDBA0tamKH4nw="}',
      '{"kdf":{"name":"scrypt","params":{"N":65536,"r":8,"p":1},"salt":"FhzPOt9/bJG4PTq6lQ6ecG6GzaOuOy/ynG5+yRiFlNs="},"cipher":{"name":"nacl/secretbox","nonce":"aw1ng1jHaDz/tQ7V2gR9O2+IGQ8xJEuE"},"ciphertext":"HycvuLZL4sYH0BrYTh4E/H20VtAW6u5zL5Pr+IBjYLYnCPzDkq8="}',
    ];
    for (const vector of marshalled) assert.equal(decryptBytes(vector, 'supersecret', 'vector').toString(), JSON.stringify(Buffer.from('reallyimportant').toString('base64')));
  });

  it('refuses a wrong password, a missing password and an empty one that is wrong', () => {
    assertKeyError(() => loadPrivateKey(pem, 'wrong'), /^encrypted private key: wrong password, or the encrypted key is corrupted \(decryption failed\)$/);
    assertKeyError(() => loadPrivateKey(pem), /^The private key is encrypted \(ENCRYPTED SIGSTORE PRIVATE KEY\); a password is needed$/);
    assertKeyError(() => loadPrivateKey(pem, ''), /wrong password/);
  });

  it('refuses unsupported or hostile scrypt parameters before deriving anything', () => {
    const hostile = [
      ['{"kdf":{"name":"scrypt","params":{"N":99,"r":99,"p":99},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}', /unsupported scrypt parameters N=99 r=99 p=99/],
      ['{"kdf":{"name":"scrypt","params":{"N":1073741824,"r":8,"p":1},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}', /unsupported scrypt parameters N=1073741824/],
      ['{"kdf":{"name":"pbkdf2","params":{"N":1,"r":1,"p":1},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}', /unsupported key derivation "pbkdf2"/],
      ['{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"AAAA"},"cipher":{"name":"aes","nonce":"AAAA"},"ciphertext":"AAAA"}', /unsupported cipher "aes"/],
      ['{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"AA!A"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}', /kdf\.salt is not valid base64/],
      ['{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox","nonce":"AAAA"},"ciphertext":"AAAA"}', /cipher\.nonce must be 24 bytes \(got 3\)/],
      ['{"kdf":{"name":"scrypt","params":{"N":"x"},"salt":"AAAA"},"cipher":{"name":"nacl/secretbox"}}', /kdf\.params must hold numbers N, r and p/],
      ['{"kdf":', /not valid JSON/],
      ['[]', /missing "kdf" or "cipher"/],
    ] as const;
    for (const [json, message] of hostile) {
      assertKeyError(() => loadPrivateKey(encodePem('ENCRYPTED SIGSTORE PRIVATE KEY', Buffer.from(json)), 'pw'), message);
    }
  });
});

describe('plain private keys', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('reads PKCS#8, SEC1 and password-protected PKCS#8', () => {
    const pkcs8 = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const sec1 = ec.privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    const encrypted = ec.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    for (const [pem, password] of [[pkcs8, undefined], [sec1, undefined], [encrypted, 'pw']] as const) {
      assert.equal(loadPrivateKey(pem, password).asymmetricKeyDetails?.namedCurve, 'prime256v1');
    }
    assertKeyError(() => loadPrivateKey(encrypted, 'nope'), /wrong password, or not a PKCS#8 encrypted key/);
  });

  it('refuses non-PEM, truncated, unknown and oversized input', () => {
    const cases = [
      ['just text', /^No PEM block found in the private key file/],
      ['-----BEGIN PRIVATE KEY-----\nMIGH', /^The PRIVATE KEY PEM block of the private key file has no "-----END PRIVATE KEY-----" line \(truncated\?\)$/],
      ['-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n', /^The PRIVATE KEY PEM block of the private key is not valid base64$/],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /^Cannot read the key: not a PKCS#8 private key$/],
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n', /^Unsupported private key PEM type "OPENSSH PRIVATE KEY"/],
      ['x'.repeat(2 * 1024 * 1024), /larger than 1048576 characters/],
      ['-----BEGIN A-----\n'.repeat(50_000), /no "-----END A-----" line/],
    ] as const;
    for (const [pem, message] of cases) assertKeyError(() => loadPrivateKey(pem), message);
  });
});

describe('public keys and signatures', () => {
  const supported = [
    ['ECDSA P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['ECDSA P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['ECDSA P-521', generateKeyPairSync('ec', { namedCurve: 'P-521' })],
    ['Ed25519', generateKeyPairSync('ed25519')],
    ['RSA 2048', generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ] as const;

  for (const [name, pair] of supported) {
    it(`${name}: signs, verifies, and rejects another key, other data and garbage without throwing`, () => {
      const publicKey = loadPublicKey(exportPublicKey(pair.publicKey));
      const data = Buffer.from('payload');
      const signature = signData(pair.privateKey, data);
      assert.equal(verifyData(publicKey, data, signature), true);
      assert.equal(verifyData(publicKey, Buffer.from('payloaD'), signature), false);
      assert.equal(verifyData(generateKeyPair().publicKey, data, signature), false);
      for (const garbage of [Buffer.alloc(0), Buffer.from('not a signature'), Buffer.alloc(70, 0x30), randomBytes(4096)]) {
        assert.equal(verifyData(publicKey, data, garbage), false);
      }
    });
  }

  it('verifies an ECDSA P-256 signature made by node:crypto the way cosign does (SHA-256, DER)', async () => {
    const { sign } = await import('node:crypto');
    const pair = generateKeyPair();
    assert.equal(verifyData(pair.publicKey, Buffer.from('x'), sign('sha256', Buffer.from('x'), pair.privateKey)), true);
  });

  it('refuses unknown key types with KEY_INVALID naming them', () => {
    const unsupported = [
      [generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey, /^Unsupported elliptic curve "secp256k1" for the public key \(expected P-256, P-384 or P-521\)$/],
      [generateKeyPairSync('x25519').publicKey, /^Unsupported public key type "x25519" \(expected ECDSA, Ed25519 or RSA\)$/],
      [generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, /^RSA public key of 1024 bits is too small \(at least 2048\)$/],
    ] as const;
    for (const [key, message] of unsupported) assertKeyError(() => loadPublicKey(exportPublicKey(key)), message);
    assertKeyError(() => loadPublicKey('-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----'), /Unsupported public key PEM type "RSA PUBLIC KEY"/);
    assertKeyError(() => loadPublicKey(ec25519Private()), /Unsupported public key PEM type "PRIVATE KEY"/);
  });

  it('verifyData returns false (does not throw) for an unsupported key', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    assert.equal(verifyData(pair.publicKey, Buffer.from('x'), Buffer.from('y')), false);
  });
});

function ec25519Private(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
