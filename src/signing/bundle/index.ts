import type { KeyObject } from 'node:crypto';
import { BUNDLE_V03_MEDIA_TYPE, bundleFromJSON, bundleToJSON, type Bundle, type SerializedBundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { DSSEBundleBuilder, MessageSignatureBundleBuilder, type Signer } from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { PalisadeError } from '../../core/errors.ts';
import { exportPublicKey, keyFingerprint, signData } from '../keys/index.ts';

/** Bundles and trusted roots larger than this (characters of JSON) are refused before parsing. */
export const MAX_BUNDLE_CHARS = 64 * 1024 * 1024;

export type BundleVerdict = { readonly ok: true; readonly payload?: Buffer } | { readonly ok: false; readonly reason: string };

/** A Sigstore bundle v0.3 with a message signature over `data`, key-based, no transparency log (offline). */
export async function signBlobBundle(privateKey: KeyObject, publicKey: KeyObject, data: Buffer): Promise<SerializedBundle> {
  const builder = new MessageSignatureBundleBuilder({ signer: localSigner(privateKey, publicKey), witnesses: [] });
  // The builder labels message-signature bundles v0.2; with a public key the v0.3 layout is the same.
  return { ...bundleToJSON(await builder.create({ data })), mediaType: BUNDLE_V03_MEDIA_TYPE };
}

/** A Sigstore bundle v0.3 with a DSSE envelope of `payload` (e.g. an in-toto statement), key-based, offline. */
export async function signDsseBundle(privateKey: KeyObject, publicKey: KeyObject, payloadType: string, payload: Buffer): Promise<SerializedBundle> {
  const builder = new DSSEBundleBuilder({ signer: localSigner(privateKey, publicKey), witnesses: [], certificateChain: false });
  return bundleToJSON(await builder.create({ data: payload, type: payloadType }));
}

function localSigner(privateKey: KeyObject, publicKey: KeyObject): Signer {
  const key = { $case: 'publicKey', publicKey: exportPublicKey(publicKey), hint: keyFingerprint(publicKey) } as const;
  return { sign: async (data) => ({ signature: signData(privateKey, data), key }) };
}

export interface VerifyBundleOptions {
  /** The trusted public key; key-based bundles only. */
  readonly key: KeyObject;
  /** The signed file, for message-signature bundles. */
  readonly artifact?: Buffer;
  /** trusted_root.json text: needed to check transparency-log entries and timestamps the bundle carries. */
  readonly trustedRoot?: string;
  /** Names the bundle file in errors. */
  readonly source: string;
}

/**
 * Verifies a Sigstore bundle (v0.1–v0.3) offline with @sigstore/verify. Malformed input throws
 * SIGNATURE_INVALID; a well-formed bundle that does not verify returns `{ ok: false, reason }`.
 * Log entries and timestamps in the bundle are verified against the trusted root (none required).
 */
export function verifyBundle(text: string, options: VerifyBundleOptions): BundleVerdict {
  const bundle = parseBundle(text, options.source);
  const material = bundle.verificationMaterial.content;
  if (material.$case !== 'publicKey') {
    return { ok: false, reason: `the bundle is signed with a certificate (keyless); Palisade verifies key-based bundles with --key` };
  }
  if (bundle.content.$case === 'messageSignature' && options.artifact === undefined) throw bundleError(options.source, 'a message-signature bundle needs the signed file');
  const root = options.trustedRoot === undefined ? TrustedRoot.fromJSON({}) : parseTrustedRoot(options.trustedRoot);
  const trust = toTrustMaterial(root, () => ({ publicKey: options.key, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  try {
    verifier.verify(toSignedEntity(bundle, options.artifact));
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    const hint = options.trustedRoot === undefined && bundle.verificationMaterial.tlogEntries.length > 0 ? ' (the bundle has transparency-log entries: give --trusted-root to check them)' : '';
    return { ok: false, reason: `${code}${error instanceof Error ? error.message : String(error)}${hint}` };
  }
  return bundle.content.$case === 'dsseEnvelope' ? { ok: true, payload: Buffer.from(bundle.content.dsseEnvelope.payload) } : { ok: true };
}

export function parseBundle(text: string, source: string): Bundle {
  const json = parseJson(text, source, 'bundle');
  try {
    return bundleFromJSON(json);
  } catch (error) {
    throw bundleError(source, `not a Sigstore bundle: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function parseTrustedRoot(text: string): TrustedRoot {
  const json = parseJson(text, 'trusted root', 'trusted root');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bundleError('trusted root', 'not a JSON object');
  try {
    return TrustedRoot.fromJSON(json);
  } catch (error) {
    throw bundleError('trusted root', `not a Sigstore trusted root: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function parseJson(text: string, source: string, what: string): unknown {
  if (text.length > MAX_BUNDLE_CHARS) throw bundleError(source, `the ${what} is larger than ${MAX_BUNDLE_CHARS} characters; refused`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bundleError(source, `the ${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function bundleError(source: string, problem: string, cause?: unknown): PalisadeError {
  return new PalisadeError('SIGNATURE_INVALID', `${source}: ${problem}`, cause === undefined ? undefined : { cause });
}

export type { SerializedBundle } from '@sigstore/bundle';
