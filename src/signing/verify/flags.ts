import { resolvePredicateType } from '../intoto/index.ts';
import { compileCondition } from './conditions.ts';
import { parseDuration } from './duration.ts';
import type { ImageRequirements, NamedKey } from './types.ts';

export interface FlagRequirementsInput {
  /** `--key` files, loaded; every one must have signed the image. */
  readonly keys: readonly NamedKey[];
  /** `--attestation TYPE` (short name or URI), repeatable. */
  readonly attestationTypes?: readonly string[];
  /** `--max-age 7d`, applied to every required attestation. */
  readonly maxAge?: string;
  /** `--condition EXPR`, CEL over `predicate`, applied to every required attestation. */
  readonly conditions?: readonly string[];
}

/** What `verify --key … [--attestation T --max-age D --condition C]` requires, without a policy file. */
export function requirementsFromFlags(input: FlagRequirementsInput): ImageRequirements {
  const maxAgeSeconds = input.maxAge === undefined ? undefined : parseDuration(input.maxAge);
  const conditions = (input.conditions ?? []).map((expression) => ({ expression, program: compileCondition(expression, '--condition') }));
  const attestations = (input.attestationTypes ?? []).map((type) => ({
    predicateType: resolvePredicateType(type),
    name: type,
    keys: input.keys,
    conditions,
    ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
  }));
  return { signatureKeys: input.keys, signatureCount: input.keys.length, attestations, policies: ['command line'] };
}
