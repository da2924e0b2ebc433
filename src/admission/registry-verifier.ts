import { readFile } from 'node:fs/promises';
import type { RegistryClientOptions } from '../image/source/registry/index.ts';
import { openRegistryClient } from '../image/source/registry/index.ts';
import { policyVerifier, verifyRegistryImage } from '../signing/oci/index.ts';
import type { VerifyPolicy } from '../signing/verify/index.ts';
import { loadVerifyPolicy } from '../signing/verify/index.ts';
import type { ImageVerdict, ImageVerifier } from './image-verifier.ts';

export interface RegistryVerifierOptions extends Pick<RegistryClientOptions, 'caFile' | 'insecureRegistries' | 'env'> {
  /** Per registry call (default 3 s: an admission request has seconds, not minutes). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * The verification policy of `palisade verify --policy` (src/signing) as an admission image check: the
 * reference is resolved to a digest in its registry, its cosign signatures and attestations are read
 * and judged against every image entry whose glob matches it. A failed check is a verdict with the
 * failing checks' messages; a registry that cannot be reached throws (the failure choice applies).
 * Wrap it in a CachingImageVerifier: it keeps no cache of its own.
 */
export async function loadRegistryImageVerifier(policyPath: string, options: RegistryVerifierOptions = {}): Promise<ImageVerifier> {
  const policy = await loadVerifyPolicy(policyPath);
  const text = await readFile(policyPath, 'utf8');
  return registryImageVerifier(policy, text, options);
}

export function registryImageVerifier(policy: VerifyPolicy, policyText: string, options: RegistryVerifierOptions = {}): ImageVerifier {
  const clientOptions: RegistryClientOptions = {
    timeoutMs: options.timeoutMs ?? 3000,
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
    ...(options.insecureRegistries === undefined ? {} : { insecureRegistries: options.insecureRegistries }),
    ...(options.env === undefined ? {} : { env: options.env }),
  };
  return {
    async verify(reference: string): Promise<ImageVerdict> {
      const client = await openRegistryClient(`docker://${reference}`, clientOptions, { retries: 0 });
      try {
        const result = await verifyRegistryImage(client, reference, policyVerifier(policy, policyText, reference), { now: (options.now ?? (() => new Date()))() });
        const { verification } = result;
        if (verification.ok) return { verified: true, digest: result.digest };
        const failed = verification.checks.filter((check) => !check.ok).map((check) => check.message);
        return { verified: false, digest: result.digest, message: failed.join('; ') };
      } finally {
        client.close();
      }
    },
  };
}
