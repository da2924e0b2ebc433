import { sign, verify, type KeyObject } from 'node:crypto';
import { keyAlgorithm, type KeyAlgorithm } from './pem.ts';

/** The digest(s) a signature over `data` uses for each key type; cosign hashes with SHA-256 by default. */
const HASHES: Readonly<Record<KeyAlgorithm, readonly (string | null)[]>> = {
  'ecdsa-p256': ['sha256'],
  'ecdsa-p384': ['sha384', 'sha256'],
  'ecdsa-p521': ['sha512', 'sha256'],
  ed25519: [null],
  rsa: ['sha256'],
};

/** ECDSA → ASN.1 DER signature over SHA-256/384/512 of the data; Ed25519 pure; RSA PKCS#1 v1.5 SHA-256. */
export function signData(key: KeyObject, data: Uint8Array): Buffer {
  const algorithm = keyAlgorithm(key, 'private key');
  const [hash = null] = HASHES[algorithm];
  return sign(hash, data, key);
}

/** True only for a valid signature by this key; malformed signatures and unusable keys give false, never a throw. */
export function verifyData(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  let algorithm: KeyAlgorithm;
  try {
    algorithm = keyAlgorithm(key, 'public key');
  } catch {
    return false;
  }
  if (signature.length === 0 || signature.length > 1024) return false;
  return HASHES[algorithm].some((hash) => verifyQuietly(hash, data, key, signature));
}

function verifyQuietly(hash: string | null, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return verify(hash, data, key, signature);
  } catch {
    return false;
  }
}
