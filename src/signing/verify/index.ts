export { compileCondition } from './conditions.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { requirementsFromFlags, type FlagRequirementsInput } from './flags.ts';
export { matchingPolicies, verifyWithPolicy } from './policy/evaluate.ts';
export { compileGlob, normalizeRepository, type ImageGlob } from './policy/glob.ts';
export { loadVerifyPolicy, parseVerifyPolicy, type ImagePolicy, type VerifyPolicy } from './policy/load.ts';
export { MAX_SIGNATURE_PAYLOAD_BYTES } from './signatures.ts';
export type {
  AttestationInput,
  AttestationRequirement,
  CheckResult,
  ConditionSpec,
  CosignSignatureInput,
  ImageRequirements,
  ImageVerification,
  ItemResult,
  NamedKey,
  VerifyImageInput,
  VerifyReason,
} from './types.ts';
export { verifyImage } from './verify-image.ts';
