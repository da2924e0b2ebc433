/**
 * The "simple signing" payload cosign signs for a container image (containers/image's format with
 * cosign's type string): the identity is the repository, the image is the manifest digest.
 */
import type { Result } from '../../core/index.ts';
import { err, ok } from '../../core/index.ts';

export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

export interface SimpleSigningPayload {
  /** The repository the signer named (`registry/repository`, no tag). */
  readonly dockerReference: string;
  /** The manifest digest signed: `sha256:<hex>`. */
  readonly manifestDigest: string;
  /** cosign's `-a key=value` annotations (`optional`), or null. */
  readonly optional: Readonly<Record<string, unknown>> | null;
}

/** The payload bytes, key order as cosign writes them (`"optional":null` without annotations). */
export function buildSimpleSigningPayload(dockerReference: string, manifestDigest: string, optional?: Readonly<Record<string, string>>): Buffer {
  const hasOptional = optional !== undefined && Object.keys(optional).length > 0;
  return Buffer.from(JSON.stringify({
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': manifestDigest },
      type: SIMPLE_SIGNING_TYPE,
    },
    optional: hasOptional ? optional : null,
  }));
}

/** Parses a payload; the error says which field is wrong (a payload that lies is a failed verification, not a crash). */
export function parseSimpleSigningPayload(bytes: Buffer): Result<SimpleSigningPayload, string> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return err('the signed payload is not JSON');
  }
  if (!isRecord(value) || !isRecord(value.critical)) return err('the signed payload has no "critical" object');
  const { identity, image, type } = value.critical;
  if (type !== SIMPLE_SIGNING_TYPE) return err(`the signed payload's critical.type is ${JSON.stringify(type)}, not "${SIMPLE_SIGNING_TYPE}"`);
  const digest = isRecord(image) ? image['docker-manifest-digest'] : undefined;
  if (typeof digest !== 'string' || !/^sha(256|512):[a-f0-9]+$/.test(digest)) return err('the signed payload has no critical.image.docker-manifest-digest');
  const reference = isRecord(identity) ? identity['docker-reference'] : undefined;
  if (typeof reference !== 'string') return err('the signed payload has no critical.identity.docker-reference');
  const optional = isRecord(value.optional) ? value.optional : null;
  return ok({ dockerReference: reference, manifestDigest: digest, optional });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
