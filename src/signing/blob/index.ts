import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { PalisadeError } from '../../core/errors.ts';
import { isBase64 } from '../dsse/index.ts';
import { keyAlgorithm, signData, verifyData } from '../keys/index.ts';

/** Files read whole (Ed25519, Sigstore bundles) may be at most this large; ECDSA and RSA stream any size. */
export const MAX_IN_MEMORY_BLOB_BYTES = 512 * 1024 * 1024;
/** A signature file holds base64 of at most a few hundred bytes (RSA 8192: 1 kB). */
export const MAX_SIGNATURE_FILE_BYTES = 64 * 1024;

const HASH: Readonly<Record<string, string>> = { 'ecdsa-p256': 'sha256', 'ecdsa-p384': 'sha384', 'ecdsa-p521': 'sha512', rsa: 'sha256' };

/** Signs a file as cosign sign-blob does (ECDSA over SHA-256 of the bytes, DER); streamed except for Ed25519. */
export async function signFile(path: string, key: KeyObject): Promise<Buffer> {
  const algorithm = keyAlgorithm(key, 'private key');
  const hash = HASH[algorithm];
  if (hash === undefined) return signData(key, await readWhole(path));
  const signer = createSign(hash);
  for await (const chunk of createReadStream(path)) signer.update(chunkBytes(chunk));
  return signer.sign(key);
}

/** The hashes a verifier accepts per key type (P-384/P-521 also SHA-256, as older cosign signed). */
const VERIFY_HASHES: Readonly<Record<string, readonly string[]>> = { 'ecdsa-p256': ['sha256'], 'ecdsa-p384': ['sha384', 'sha256'], 'ecdsa-p521': ['sha512', 'sha256'], rsa: ['sha256'], ed25519: [] };

/** True only when the signature verifies over the file's bytes; never throws for a bad signature. */
export async function verifyFile(path: string, key: KeyObject, signature: Uint8Array): Promise<boolean> {
  const hashes = VERIFY_HASHES[keyAlgorithm(key, 'public key')] ?? [];
  if (hashes.length === 0) return verifyData(key, await readWhole(path), signature);
  if (signature.length === 0 || signature.length > 1024) return false;
  const verifiers = hashes.map((hash) => createVerify(hash));
  for await (const chunk of createReadStream(path)) {
    const bytes = chunkBytes(chunk);
    for (const verifier of verifiers) verifier.update(bytes);
  }
  return verifiers.some((verifier) => {
    try {
      return verifier.verify(key, signature);
    } catch {
      return false;
    }
  });
}

/**
 * The bytes of a detached signature file: base64 text (what cosign and Palisade write, surrounding
 * whitespace ignored) or raw DER. Text that is not base64 is SIGNATURE_INVALID, never "no signature".
 */
export function decodeSignatureFile(bytes: Uint8Array, source: string): Buffer {
  if (bytes.length === 0) throw new PalisadeError('SIGNATURE_INVALID', `${source}: the signature file is empty`);
  if (bytes.length > MAX_SIGNATURE_FILE_BYTES) throw new PalisadeError('SIGNATURE_INVALID', `${source}: ${bytes.length} bytes is too large for a signature (at most ${MAX_SIGNATURE_FILE_BYTES})`);
  const raw = Buffer.from(bytes);
  if (raw[0] === 0x30 && raw.some((byte) => byte < 0x09 || byte > 0x7e)) return raw;
  const text = raw.toString('latin1').trim();
  if (!isBase64(text) || text === '') throw new PalisadeError('SIGNATURE_INVALID', `${source}: the signature is not base64`);
  return Buffer.from(text, 'base64');
}

export async function readWhole(path: string): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > MAX_IN_MEMORY_BLOB_BYTES) {
    throw new PalisadeError('FILE_TOO_LARGE', `${path}: ${size} bytes is more than the ${MAX_IN_MEMORY_BLOB_BYTES} Palisade reads into memory for an Ed25519 signature or a bundle`, { position: { path } });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path)) chunks.push(chunkBytes(chunk));
  return Buffer.concat(chunks);
}

function chunkBytes(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
}
