// The attestations of a running image that `cluster images` may take a vulnerability status from: only
// envelopes signed by a key of the verification policy, in-toto, about this very digest. Anyone who can
// push to the repository can attach an attestation, so an unverified one is never read.
import { isPalisadeError } from '../core/index.ts';
import type { RegistryClient } from '../image/source/registry/index.ts';
import { envelopePayload, IN_TOTO_PAYLOAD_TYPE, parseEnvelope, verifyEnvelope } from '../signing/dsse/index.ts';
import { parseStatement, predicateTime, PREDICATE_TYPES, statementCoversDigest } from '../signing/intoto/index.ts';
import { fetchAttachments } from '../signing/oci/index.ts';
import type { NamedKey } from '../signing/verify/index.ts';

/** One verified attestation: its predicate, who signed it, and the time it speaks for. */
export interface VerifiedAttestation {
  readonly predicateType: string;
  readonly predicate: unknown;
  readonly keyName: string;
  /** From the predicate (scan time, SBOM timestamp); undefined when it records none. */
  readonly time: Date | undefined;
  /** Where it was found (`tag sha256-….att, layer 0`, a referrer). */
  readonly source: string;
}

/** SBOM predicate types whose predicate is the SBOM document itself. */
export const SBOM_PREDICATE_TYPES: readonly string[] = [PREDICATE_TYPES.cyclonedx, PREDICATE_TYPES.spdx];

/**
 * Every attestation of `digest` signed by one of `keys` and about that digest, newest first (those
 * without a time last). Envelopes that are malformed, unsigned by these keys or about another digest
 * are left out: they say nothing trustworthy about the image.
 */
export async function verifiedAttestations(client: RegistryClient, digest: string, keys: readonly NamedKey[]): Promise<VerifiedAttestation[]> {
  if (keys.length === 0) return [];
  const found: VerifiedAttestation[] = [];
  for (const attachment of await fetchAttachments(client, digest, 'attestation')) {
    if (attachment.bytes === undefined) continue;
    const verified = verifyAttestation(attachment.bytes.toString('utf8'), attachment.source, digest, keys);
    if (verified !== undefined) found.push(verified);
  }
  return found.sort((a, b) => (b.time?.getTime() ?? -Infinity) - (a.time?.getTime() ?? -Infinity));
}

/** One envelope (JSON text), when it is signed by one of `keys`, in-toto, and about `digest`; else undefined. */
export function verifyAttestation(text: string, source: string, digest: string, keys: readonly NamedKey[]): VerifiedAttestation | undefined {
  try {
    const envelope = parseEnvelope(text, source);
    const signer = keys.find((key) => verifyEnvelope(envelope, key.key).ok);
    if (signer === undefined || envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) return undefined;
    const statement = parseStatement(envelopePayload(envelope), source);
    if (!statementCoversDigest(statement, digest)) return undefined;
    return { predicateType: statement.predicateType, predicate: statement.predicate, keyName: signer.name, time: predicateTime(statement.predicateType, statement.predicate), source };
  } catch (error) {
    if (isPalisadeError(error)) return undefined;
    throw error;
  }
}
