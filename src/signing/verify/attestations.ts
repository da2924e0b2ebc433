import { isPalisadeError } from '../../core/errors.ts';
import { envelopePayload, IN_TOTO_PAYLOAD_TYPE, isBase64, parseEnvelope, preAuthEncoding, verifyEnvelope, type DsseEnvelope } from '../dsse/index.ts';
import { parseStatement, predicateTime, statementCoversDigest, type Statement } from '../intoto/index.ts';
import { evaluateConditions } from './conditions.ts';
import { formatDuration } from './duration.ts';
import { explainFailure } from './hints.ts';
import type { AttestationInput, AttestationRequirement, CheckResult, ItemResult, NamedKey, VerifyImageInput } from './types.ts';

interface Verified {
  readonly item: ItemResult;
  readonly keyName: string;
  readonly statement: Statement;
}

/** Judges every envelope, then each required attestation type (signer, subject, age, conditions). */
export function checkAttestations(input: VerifyImageInput): { items: ItemResult[]; checks: CheckResult[] } {
  const requirements = input.requirements.attestations;
  if (requirements.length === 0) return { items: [], checks: [] };
  const keys = uniqueKeys(requirements.flatMap((requirement) => requirement.keys));
  const judged = input.attestations.map((attestation) => judgeEnvelope(attestation, keys, input));
  const items = judged.map((entry) => entry.item);
  const verified = judged.filter((entry): entry is Verified => entry.statement !== undefined && entry.keyName !== undefined);
  const rejections: CheckResult[] = items
    .filter((item) => item.reason === 'subject-mismatch')
    .map((item) => ({ kind: 'attestation', name: `attestation ${item.source}`, ok: false, reason: item.reason, message: item.message }));
  const checks = requirements.map((requirement) => requirementCheck(requirement, verified, items, input));
  return { items, checks: [...checks, ...rejections] };
}

function judgeEnvelope(attestation: AttestationInput, keys: readonly NamedKey[], input: VerifyImageInput): { item: ItemResult; keyName?: string; statement?: Statement } {
  const base = { kind: 'attestation', source: attestation.source } as const;
  let envelope: DsseEnvelope;
  try {
    envelope = typeof attestation.envelope === 'string' ? parseEnvelope(attestation.envelope, attestation.source) : attestation.envelope;
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    return { item: { ...base, ok: false, reason: 'malformed', message: error.message } };
  }
  const signer = keys.find((key) => verifyEnvelope(envelope, key.key).ok);
  if (signer === undefined) return { item: { ...base, ok: false, ...explainEnvelope(envelope, keys, input.knownKeys ?? []) } };
  const signed = { ...base, keyName: signer.name };
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return { item: { ...signed, ok: false, reason: 'wrong-payload-type', message: `payload type "${envelope.payloadType}" is not ${IN_TOTO_PAYLOAD_TYPE}` } };
  }
  let statement: Statement;
  try {
    statement = parseStatement(envelopePayload(envelope), attestation.source);
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    return { item: { ...signed, ok: false, reason: 'malformed', message: `signed by key "${signer.name}", but ${error.message}` } };
  }
  const typed = { ...signed, predicateType: statement.predicateType };
  if (!statementCoversDigest(statement, input.digest)) {
    const subjects = statement.subject.map((subject) => `sha256:${subject.digest['sha256'] ?? '?'}`).join(', ');
    const message = `a ${statement.predicateType} attestation signed by key "${signer.name}" is about ${subjects}, not ${input.digest}; rejected`;
    return { item: { ...typed, ok: false, reason: 'subject-mismatch', message } };
  }
  return { item: { ...typed, ok: true, reason: 'verified', message: `${statement.predicateType} attestation signed by key "${signer.name}"` }, keyName: signer.name, statement };
}

function explainEnvelope(envelope: DsseEnvelope, keys: readonly NamedKey[], known: readonly NamedKey[]): Pick<ItemResult, 'reason' | 'message'> {
  const payload = isBase64(envelope.payload) ? envelopePayload(envelope) : Buffer.alloc(0);
  const pae = preAuthEncoding(envelope.payloadType, payload);
  const first = envelope.signatures.find((signature) => isBase64(signature.sig));
  const signature = first === undefined ? Buffer.alloc(0) : Buffer.from(first.sig, 'base64');
  return explainFailure(pae, signature, keys, known, { keyIds: envelope.signatures.map((entry) => entry.keyid) });
}

function requirementCheck(requirement: AttestationRequirement, verified: readonly Verified[], items: readonly ItemResult[], input: VerifyImageInput): CheckResult {
  const name = `attestation ${requirement.name}`;
  const fail = (reason: CheckResult['reason'], message: string): CheckResult => ({ kind: 'attestation', name, ok: false, reason, message });
  const keyNames = new Set(requirement.keys.map((key) => key.name));
  const candidates = verified.filter((entry) => entry.statement.predicateType === requirement.predicateType && keyNames.has(entry.keyName));
  if (candidates.length === 0) return missing(requirement, items, fail, input);
  const judged = candidates.map((candidate) => judgeCandidate(candidate, requirement, input)).sort((a, b) => b.time - a.time);
  const passing = judged.find((entry) => entry.failure === undefined);
  if (passing !== undefined) return { kind: 'attestation', name, ok: true, reason: 'verified', message: `${passing.summary} (${passing.source})` };
  const newest = judged[0];
  return newest?.failure === undefined ? fail('attestation-missing', `no ${requirement.name} attestation`) : fail(newest.failure.reason, `${newest.failure.message} (${newest.source})`);
}

function missing(requirement: AttestationRequirement, items: readonly ItemResult[], fail: (reason: CheckResult['reason'], message: string) => CheckResult, input: VerifyImageInput): CheckResult {
  if (items.length === 0) return fail('no-attestations', `no attestations found for ${input.digest}; a ${requirement.name} attestation is required`);
  const invalid = items.find((item) => !item.ok && item.reason !== 'subject-mismatch');
  const found = [...new Set(items.filter((item) => item.ok).map((item) => item.predicateType ?? '?'))];
  const seen = found.length === 0 ? '' : ` (verified attestations: ${found.join(', ')})`;
  if (invalid !== undefined) return fail(invalid.reason, `no valid ${requirement.name} attestation: ${invalid.message} (${invalid.source})${seen}`);
  return fail('attestation-missing', `no ${requirement.name} attestation signed by ${[...requirement.keys.map((key) => `"${key.name}"`)].join(', ')}${seen}`);
}

function judgeCandidate(candidate: Verified, requirement: AttestationRequirement, input: VerifyImageInput): { time: number; source: string; summary: string; failure?: { reason: CheckResult['reason']; message: string } } {
  const { statement, item } = candidate;
  const time = predicateTime(statement.predicateType, statement.predicate);
  const base = { time: time?.getTime() ?? 0, source: item.source, summary: `${requirement.name} attestation signed by key "${candidate.keyName}"` };
  if (requirement.maxAgeSeconds !== undefined) {
    if (time === undefined) return { ...base, failure: { reason: 'attestation-undated', message: `the ${requirement.name} attestation records no time, so its age (max ${formatDuration(requirement.maxAgeSeconds)}) cannot be checked` } };
    const age = (input.now.getTime() - time.getTime()) / 1000;
    if (age > requirement.maxAgeSeconds) {
      return { ...base, failure: { reason: 'attestation-expired', message: `the newest ${requirement.name} attestation is ${formatDuration(age)} old (from ${time.toISOString()}), older than the maximum ${formatDuration(requirement.maxAgeSeconds)}` } };
    }
  }
  const failure = evaluateConditions(requirement, statement, input);
  return failure === undefined ? base : { ...base, failure };
}

function uniqueKeys(keys: readonly NamedKey[]): NamedKey[] {
  const byName = new Map<string, NamedKey>();
  for (const key of keys) byName.set(key.name, key);
  return [...byName.values()];
}
