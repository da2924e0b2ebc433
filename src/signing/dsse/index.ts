import type { KeyObject } from 'node:crypto';
import { PalisadeError } from '../../core/errors.ts';
import { signData, verifyData } from '../keys/index.ts';

/** A DSSE envelope (https://github.com/secure-systems-lab/dsse, protocol v1): payload and signatures in base64. */
export interface DsseEnvelope {
  readonly payloadType: string;
  readonly payload: string;
  readonly signatures: readonly DsseSignature[];
}

export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

export type EnvelopeVerdict = { readonly ok: true; readonly payload: Buffer } | { readonly ok: false; readonly reason: string };

/** The in-toto payload type of attestation envelopes (cosign and in-toto). */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** Envelopes larger than this (in characters of JSON) are refused before parsing. */
export const MAX_ENVELOPE_CHARS = 64 * 1024 * 1024;

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/**
 * Signs PAE(payloadType, payload). `keyid` is an unauthenticated hint; cosign writes '' (the default);
 * `keyFingerprint(publicKey)` lets a verifier tell "signed by another key" from "altered".
 */
export function signEnvelope(key: KeyObject, payloadType: string, payload: Uint8Array, options: { readonly keyid?: string } = {}): DsseEnvelope {
  const sig = signData(key, preAuthEncoding(payloadType, payload)).toString('base64');
  return { payloadType, payload: Buffer.from(payload).toString('base64'), signatures: [{ keyid: options.keyid ?? '', sig }] };
}

/**
 * Parses envelope JSON strictly: throws SIGNATURE_INVALID naming the problem (truncated JSON, a
 * missing or mistyped field, a value that is not base64, too large). `source` names the file.
 */
export function parseEnvelope(text: string, source = 'DSSE envelope'): DsseEnvelope {
  if (text.length > MAX_ENVELOPE_CHARS) throw envelopeError(source, `larger than ${MAX_ENVELOPE_CHARS} characters; refused`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw envelopeError(source, `not valid JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw envelopeError(source, 'not a JSON object');
  const record: Record<string, unknown> = { ...value };
  const { payloadType, payload, signatures } = record;
  if (typeof payloadType !== 'string' || payloadType === '') throw envelopeError(source, '"payloadType" is missing or not a string');
  if (typeof payload !== 'string') throw envelopeError(source, '"payload" is missing or not a string');
  if (!isBase64(payload)) throw envelopeError(source, '"payload" is not base64');
  if (!Array.isArray(signatures) || signatures.length === 0) throw envelopeError(source, '"signatures" is missing or empty');
  return { payloadType, payload, signatures: signatures.map((signature, index) => parseSignature(signature, index, source)) };
}

function parseSignature(value: unknown, index: number, source: string): DsseSignature {
  if (typeof value !== 'object' || value === null) throw envelopeError(source, `signatures[${index}] is not an object`);
  const record: Record<string, unknown> = { ...value };
  const { sig, keyid } = record;
  if (typeof sig !== 'string' || sig === '') throw envelopeError(source, `signatures[${index}].sig is missing or not a string`);
  if (!isBase64(sig)) throw envelopeError(source, `signatures[${index}].sig is not base64`);
  if (keyid !== undefined && typeof keyid !== 'string') throw envelopeError(source, `signatures[${index}].keyid is not a string`);
  return { keyid: keyid ?? '', sig };
}

/** Valid when any signature verifies over PAE(payloadType, payload) with this key. Never throws. */
export function verifyEnvelope(envelope: DsseEnvelope, publicKey: KeyObject): EnvelopeVerdict {
  if (!isBase64(envelope.payload)) return { ok: false, reason: 'the payload is not base64' };
  const payload = decodeAnyBase64(envelope.payload);
  const message = preAuthEncoding(envelope.payloadType, payload);
  for (const signature of envelope.signatures) {
    if (isBase64(signature.sig) && verifyData(publicKey, message, decodeAnyBase64(signature.sig))) return { ok: true, payload };
  }
  return {
    ok: false,
    reason: envelope.signatures.length === 0 ? 'the envelope has no signatures' : 'no signature in the envelope verifies with the key (signed by another key, or the envelope was altered)',
  };
}

/** Decodes the payload of an already-parsed envelope (no check of signatures). */
export function envelopePayload(envelope: DsseEnvelope): Buffer {
  return decodeAnyBase64(envelope.payload);
}

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * DSSE allows standard or URL-safe base64, padded or not; nothing else (Node's decoder would skip bad
 * characters). Plain character-class loops keep the check linear and stack-free on huge input.
 */
export function isBase64(text: string): boolean {
  if (!STANDARD.test(text) && !URL_SAFE.test(text)) return false;
  return text.endsWith('=') ? text.length % 4 === 0 : text.length % 4 !== 1;
}

function decodeAnyBase64(text: string): Buffer {
  return Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
}

function envelopeError(source: string, problem: string, cause?: unknown): PalisadeError {
  return new PalisadeError('SIGNATURE_INVALID', `${source}: ${problem}`, cause === undefined ? undefined : { cause });
}
