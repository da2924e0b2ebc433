import type { Finding } from '../../core/index.ts';
import { isPalisadeError } from '../../core/index.ts';
import { openRegistryClient, type RegistryClientOptions } from '../../image/source/registry/index.ts';
import type { VerificationCache } from './cache.ts';
import { unavailableFinding, verificationFindings } from './findings.ts';
import { verifyRegistryImage, type RegistryImageVerification, type Verifier } from './verify-image.ts';

export interface VerifyReferencesOptions {
  readonly registry: RegistryClientOptions;
  readonly cache?: VerificationCache;
  readonly now: () => Date;
  /** Called for each image that passed (the CLI lists them on stderr). */
  readonly onVerified?: (result: RegistryImageVerification) => void;
}

/**
 * Verifies each `docker://` reference in turn; the failures of all of them as `signature` findings.
 * An image that cannot be read (not found, denied, network) is a finding too, and the others go on.
 */
export async function verifyReferences(references: readonly string[], verifierFor: (reference: string) => Verifier, options: VerifyReferencesOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const reference of references) findings.push(...(await verifyReference(reference, verifierFor, options)));
  return findings;
}

async function verifyReference(reference: string, verifierFor: (reference: string) => Verifier, options: VerifyReferencesOptions): Promise<Finding[]> {
  const shown = reference.replace(/^docker:\/\//, '');
  try {
    const client = await openRegistryClient(reference, options.registry);
    try {
      const result = await verifyRegistryImage(client, shown, verifierFor(shown), { now: options.now(), ...(options.cache === undefined ? {} : { cache: options.cache }) });
      if (result.verification.ok) options.onVerified?.(result);
      return verificationFindings(result.verification, result.digestReference);
    } finally {
      client.close();
    }
  } catch (error) {
    if (!isPalisadeError(error) || error.code === 'USAGE') throw error;
    return [unavailableFinding(shown, error.code, error.message)];
  }
}
