import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decryptBytes, encryptBytes, keyError } from './encrypted.ts';

/** The PEM type cosign writes today, and the one older cosign releases wrote (same content). */
export const SIGSTORE_ENCRYPTED_PEM = 'ENCRYPTED SIGSTORE PRIVATE KEY';
export const COSIGN_ENCRYPTED_PEM = 'ENCRYPTED COSIGN PRIVATE KEY';

/** A key Palisade signs or verifies with; anything else is refused with KEY_INVALID. */
export type KeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521' | 'ed25519' | 'rsa';

const MAX_PEM_CHARS = 1024 * 1024;
const MIN_RSA_BITS = 2048;

export interface PemBlock {
  readonly type: string;
  readonly bytes: Buffer;
}

/** ECDSA P-256, the key type cosign generates. */
export function generateKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/** cosign's `ENCRYPTED SIGSTORE PRIVATE KEY` PEM: the PKCS#8 DER sealed with scrypt + secretbox. */
export function encryptPrivateKey(privateKey: KeyObject, password: string): string {
  keyAlgorithm(privateKey, 'private key');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const document = encryptBytes(der, password);
  return encodePem(SIGSTORE_ENCRYPTED_PEM, Buffer.from(JSON.stringify(document), 'utf8'));
}

/** A stable key id: `sha256:` + hex SHA-256 of the SPKI DER of the public key (a private key gives its public key's id). */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex')}`;
}

export function exportPublicKey(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/**
 * Reads a private key: cosign's encrypted PEM (either type name), PKCS#8 `PRIVATE KEY`,
 * `ENCRYPTED PRIVATE KEY` (PKCS#8 with a password) or SEC1 `EC PRIVATE KEY`.
 */
export function loadPrivateKey(pem: string, password?: string): KeyObject {
  const block = firstPemBlock(pem, 'private key');
  const key = privateKeyFromBlock(block, pem, password);
  keyAlgorithm(key, 'private key');
  return key;
}

function privateKeyFromBlock(block: PemBlock, pem: string, password: string | undefined): KeyObject {
  if (block.type === SIGSTORE_ENCRYPTED_PEM || block.type === COSIGN_ENCRYPTED_PEM) {
    if (password === undefined) throw keyError(`The private key is encrypted (${block.type}); a password is needed`);
    const der = decryptBytes(block.bytes.toString('utf8'), password, 'encrypted private key');
    return guard(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), 'the decrypted key is not PKCS#8');
  }
  if (block.type === 'ENCRYPTED PRIVATE KEY') {
    if (password === undefined) throw keyError('The private key is encrypted (ENCRYPTED PRIVATE KEY); a password is needed');
    return guard(() => createPrivateKey({ key: pem, format: 'pem', passphrase: password }), 'wrong password, or not a PKCS#8 encrypted key');
  }
  if (block.type === 'PRIVATE KEY') return guard(() => createPrivateKey({ key: block.bytes, format: 'der', type: 'pkcs8' }), 'not a PKCS#8 private key');
  if (block.type === 'EC PRIVATE KEY') return guard(() => createPrivateKey({ key: block.bytes, format: 'der', type: 'sec1' }), 'not a SEC1 EC private key');
  throw keyError(`Unsupported private key PEM type "${block.type}" (expected ${SIGSTORE_ENCRYPTED_PEM}, ${COSIGN_ENCRYPTED_PEM}, PRIVATE KEY or EC PRIVATE KEY)`);
}

/** Reads an SPKI `PUBLIC KEY` (ECDSA P-256/P-384/P-521, Ed25519, RSA ≥ 2048 bits) or the key of a `CERTIFICATE`. */
export function loadPublicKey(pem: string): KeyObject {
  const block = firstPemBlock(pem, 'public key');
  if (block.type !== 'PUBLIC KEY' && block.type !== 'CERTIFICATE') {
    throw keyError(`Unsupported public key PEM type "${block.type}" (expected PUBLIC KEY)`);
  }
  const key =
    block.type === 'PUBLIC KEY'
      ? guard(() => createPublicKey({ key: block.bytes, format: 'der', type: 'spki' }), 'not an SPKI public key')
      : guard(() => createPublicKey(pem), 'the certificate cannot be read');
  keyAlgorithm(key, 'public key');
  return key;
}

/** Names the algorithm of a supported key, or throws KEY_INVALID naming the unsupported one. */
export function keyAlgorithm(key: KeyObject, what: string): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  if (type === 'ed25519') return 'ed25519';
  if (type === 'rsa') {
    const bits = details?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw keyError(`RSA ${what} of ${bits} bits is too small (at least ${MIN_RSA_BITS})`);
    return 'rsa';
  }
  if (type === 'ec') {
    const curve = details?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ecdsa-p256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ecdsa-p384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ecdsa-p521';
    throw keyError(`Unsupported elliptic curve "${curve ?? 'unknown'}" for the ${what} (expected P-256, P-384 or P-521)`);
  }
  throw keyError(`Unsupported ${what} type "${type ?? 'unknown'}" (expected ECDSA, Ed25519 or RSA)`);
}

/** The first PEM block, found with indexOf (linear on hostile input, unlike a backtracking regex). */
export function firstPemBlock(text: string, what: string): PemBlock {
  if (text.length > MAX_PEM_CHARS) throw keyError(`The ${what} file is larger than ${MAX_PEM_CHARS} characters; it is not a key`);
  const begin = text.indexOf('-----BEGIN ');
  const typeEnd = begin < 0 ? -1 : text.indexOf('-----', begin + 11);
  if (begin < 0 || typeEnd < 0 || typeEnd - begin > 80) throw keyError(`No PEM block found in the ${what} file (expected "-----BEGIN … KEY-----")`);
  const type = text.slice(begin + 11, typeEnd);
  const end = text.indexOf(`-----END ${type}-----`, typeEnd);
  if (end < 0) throw keyError(`The ${type} PEM block of the ${what} file has no "-----END ${type}-----" line (truncated?)`);
  const compact = text.slice(typeEnd + 5, end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) throw keyError(`The ${type} PEM block of the ${what} is not valid base64`);
  return { type, bytes: Buffer.from(compact, 'base64') };
}

export function encodePem(type: string, bytes: Uint8Array): string {
  const lines = Buffer.from(bytes).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

function guard<T>(make: () => T, problem: string): T {
  try {
    return make();
  } catch (error) {
    throw keyError(`Cannot read the key: ${problem}`, error);
  }
}
