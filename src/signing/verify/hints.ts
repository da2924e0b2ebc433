import { createHash, createPublicKey } from 'node:crypto';
import { decodeBase64, keyFingerprint, verifyData } from '../keys/index.ts';
import type { ItemResult, NamedKey } from './types.ts';

/** Unauthenticated facts that name the signer or the signed bytes; used only to explain a failure. */
export interface SignerHints {
  readonly keyIds: readonly string[];
  /** The payload sha256 (hex) a Rekor bundle recorded at signing time. */
  readonly payloadSha256?: string;
}

type Failure = Pick<ItemResult, 'reason' | 'message'>;

/**
 * Explains why no required key verified a signature: signed by another known key, signed by a key
 * a hint names, or a payload that differs from what was signed; otherwise says both are possible.
 */
export function explainFailure(message: Uint8Array, signature: Uint8Array, required: readonly NamedKey[], known: readonly NamedKey[], hints: SignerHints): Failure {
  const names = keyList(required);
  const other = known.find((candidate) => !required.some((key) => key.name === candidate.name) && verifyData(candidate.key, message, signature));
  if (other !== undefined) return { reason: 'signed-by-another-key', message: `signed by key "${other.name}", not by ${names}` };
  if (hints.payloadSha256 !== undefined && hints.payloadSha256 !== createHash('sha256').update(message).digest('hex')) {
    return { reason: 'tampered-payload', message: `the payload was altered after signing (its sha256 differs from the one recorded in the Rekor bundle); ${names} did not sign these bytes` };
  }
  const hinted = hints.keyIds.find((id) => id !== '');
  if (hinted === undefined) {
    return { reason: 'signature-mismatch', message: `the signature does not verify with ${names}: it was made by another key, or the payload was altered` };
  }
  const named = required.find((key) => keyFingerprint(key.key) === hinted);
  if (named !== undefined) return { reason: 'tampered-payload', message: `the payload was altered after signing: the signature names key "${named.name}" but does not verify with it` };
  return { reason: 'signed-by-another-key', message: `signed by another key (${hinted}), not by ${names}` };
}

export function keyList(keys: readonly NamedKey[]): string {
  if (keys.length === 0) return 'no key';
  return keys.length === 1 ? `key "${keys[0]?.name ?? ''}"` : `keys ${keys.map((key) => `"${key.name}"`).join(', ')}`;
}

/** Hints of a cosign signature layer: an explicit key id, the certificate's key, the Rekor bundle's key and hash. */
export function cosignHints(hint: string | undefined, certificate: string | undefined, bundle: string | undefined): SignerHints {
  const keyIds: string[] = [];
  if (hint !== undefined) keyIds.push(hint);
  const certificateId = certificate === undefined ? undefined : fingerprintOfPem(certificate);
  if (certificateId !== undefined) keyIds.push(certificateId);
  const rekor = bundle === undefined ? undefined : rekorHints(bundle);
  if (rekor?.keyId !== undefined) keyIds.push(rekor.keyId);
  return rekor?.payloadSha256 === undefined ? { keyIds } : { keyIds, payloadSha256: rekor.payloadSha256 };
}

function fingerprintOfPem(pem: string): string | undefined {
  try {
    return keyFingerprint(createPublicKey(pem));
  } catch {
    return undefined;
  }
}

/** cosign's bundle annotation: `{Payload:{body}}`, body = base64 hashedrekord JSON with the hash and the key PEM. */
function rekorHints(bundle: string): { keyId?: string; payloadSha256?: string } | undefined {
  const body = field(parseJson(bundle), ['Payload', 'body']);
  if (typeof body !== 'string' || body.length > 1024 * 1024) return undefined;
  const entry = parseJson(safeDecode(body));
  const algorithm = field(entry, ['spec', 'data', 'hash', 'algorithm']);
  const value = field(entry, ['spec', 'data', 'hash', 'value']);
  const keyContent = field(entry, ['spec', 'signature', 'publicKey', 'content']);
  const keyId = typeof keyContent === 'string' ? fingerprintOfPem(safeDecode(keyContent)) : undefined;
  const payloadSha256 = algorithm === 'sha256' && typeof value === 'string' ? value.toLowerCase() : undefined;
  return { ...(keyId === undefined ? {} : { keyId }), ...(payloadSha256 === undefined ? {} : { payloadSha256 }) };
}

function safeDecode(text: string): string {
  try {
    return decodeBase64(text, 'hint').toString('utf8');
  } catch {
    return '';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = Object.getOwnPropertyDescriptor(current, key)?.value;
  }
  return current;
}
