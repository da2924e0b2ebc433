import { randomBytes, scryptSync } from 'node:crypto';
import { secretbox } from '@noble/ciphers/salsa.js';
import { PalisadeError } from '../../core/errors.ts';

/**
 * The password-protected key format of cosign (go-securesystemslib's `encrypted` package):
 * JSON `{kdf:{name:'scrypt',params:{N,r,p},salt}, cipher:{name:'nacl/secretbox',nonce}, ciphertext}`,
 * every byte field standard base64, the box key being scrypt(password, salt, N, r, p, 32 bytes).
 * The plaintext cosign stores is the PKCS#8 DER of the private key.
 */

/** go-securesystemslib "Standard" parameters, the ones cosign writes today. */
export const SCRYPT_STANDARD = Object.freeze({ N: 65536, r: 8, p: 1 });

/** The only parameter sets go-securesystemslib accepts (Legacy, Standard, OWASP); anything else is refused. */
const ACCEPTED_PARAMS: readonly { readonly N: number; readonly r: number; readonly p: number }[] = [
  { N: 32768, r: 8, p: 1 },
  SCRYPT_STANDARD,
  { N: 131072, r: 8, p: 1 },
];

const SALT_BYTES = 32;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
/** 128·N·r bytes for N = 131072, r = 8 is 128 MiB; Node's default cap is 32 MiB. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
/** A private key in PKCS#8 is a few hundred bytes (RSA 4096 ≈ 2.4 kB); refuse anything huge early. */
const MAX_CIPHERTEXT_BYTES = 64 * 1024;

export interface EncryptedKeyDocument {
  readonly kdf: { readonly name: 'scrypt'; readonly params: { readonly N: number; readonly r: number; readonly p: number }; readonly salt: string };
  readonly cipher: { readonly name: 'nacl/secretbox'; readonly nonce: string };
  readonly ciphertext: string;
}

export function encryptBytes(plaintext: Uint8Array, password: string): EncryptedKeyDocument {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const key = deriveKey(password, salt, SCRYPT_STANDARD);
  const sealed = secretbox(key, nonce).seal(plaintext);
  return {
    kdf: { name: 'scrypt', params: { ...SCRYPT_STANDARD }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(sealed).toString('base64'),
  };
}

/** Throws KEY_INVALID naming what is wrong: the JSON, the parameters, or the password. */
export function decryptBytes(json: string, password: string, what: string): Buffer {
  const document = parseDocument(json, what);
  const params = document.kdf.params;
  if (!ACCEPTED_PARAMS.some((accepted) => accepted.N === params.N && accepted.r === params.r && accepted.p === params.p)) {
    throw keyError(`${what}: unsupported scrypt parameters N=${params.N} r=${params.r} p=${params.p}`);
  }
  const salt = decodeBase64(document.kdf.salt, `${what}: kdf.salt`);
  const nonce = decodeBase64(document.cipher.nonce, `${what}: cipher.nonce`);
  const ciphertext = decodeBase64(document.ciphertext, `${what}: ciphertext`);
  if (nonce.length !== NONCE_BYTES) throw keyError(`${what}: cipher.nonce must be ${NONCE_BYTES} bytes (got ${nonce.length})`);
  if (ciphertext.length > MAX_CIPHERTEXT_BYTES) throw keyError(`${what}: ciphertext is larger than ${MAX_CIPHERTEXT_BYTES} bytes`);
  try {
    return Buffer.from(secretbox(deriveKey(password, salt, params), nonce).open(ciphertext));
  } catch (error) {
    throw keyError(`${what}: wrong password, or the encrypted key is corrupted (decryption failed)`, error);
  }
}

function deriveKey(password: string, salt: Uint8Array, params: { readonly N: number; readonly r: number; readonly p: number }): Buffer {
  return scryptSync(Buffer.from(password, 'utf8'), salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem: SCRYPT_MAXMEM });
}

function parseDocument(json: string, what: string): EncryptedKeyDocument {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw keyError(`${what}: the encrypted key is not valid JSON`, error);
  }
  if (!isRecord(value) || !isRecord(value['kdf']) || !isRecord(value['cipher'])) throw keyError(`${what}: missing "kdf" or "cipher"`);
  const { kdf, cipher, ciphertext } = { kdf: value['kdf'], cipher: value['cipher'], ciphertext: value['ciphertext'] };
  const params = kdf['params'];
  if (kdf['name'] !== 'scrypt') throw keyError(`${what}: unsupported key derivation "${String(kdf['name'])}" (expected scrypt)`);
  if (cipher['name'] !== 'nacl/secretbox') throw keyError(`${what}: unsupported cipher "${String(cipher['name'])}" (expected nacl/secretbox)`);
  if (!isRecord(params) || typeof params['N'] !== 'number' || typeof params['r'] !== 'number' || typeof params['p'] !== 'number') {
    throw keyError(`${what}: kdf.params must hold numbers N, r and p`);
  }
  if (typeof kdf['salt'] !== 'string' || typeof cipher['nonce'] !== 'string' || typeof ciphertext !== 'string') {
    throw keyError(`${what}: kdf.salt, cipher.nonce and ciphertext must be base64 strings`);
  }
  return {
    kdf: { name: 'scrypt', params: { N: params['N'], r: params['r'], p: params['p'] }, salt: kdf['salt'] },
    cipher: { name: 'nacl/secretbox', nonce: cipher['nonce'] },
    ciphertext,
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict standard base64 (Go's encoding/json form); Node's decoder would silently skip bad characters. */
export function decodeBase64(text: string, what: string): Buffer {
  if (!BASE64.test(text) || text.length % 4 !== 0) throw keyError(`${what} is not valid base64`);
  return Buffer.from(text, 'base64');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function keyError(message: string, cause?: unknown): PalisadeError {
  return new PalisadeError('KEY_INVALID', message, cause === undefined ? undefined : { cause });
}
