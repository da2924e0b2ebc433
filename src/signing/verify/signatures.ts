import { isBase64 } from '../dsse/index.ts';
import { verifyData } from '../keys/index.ts';
import { parseSimpleSigningPayload } from '../oci/simple-signing.ts';
import { cosignHints, explainFailure, keyList } from './hints.ts';
import type { CheckResult, CosignSignatureInput, ItemResult, NamedKey, VerifyImageInput, VerifyReason } from './types.ts';

/** A simple-signing payload is a few hundred bytes; anything past this is refused unread. */
export const MAX_SIGNATURE_PAYLOAD_BYTES = 1024 * 1024;
const MAX_SIGNATURE_CHARS = 16 * 1024;

/** Judges every signature, then each required key; a verified signature for another digest is a failure of its own. */
export function checkSignatures(input: VerifyImageInput): { items: ItemResult[]; checks: CheckResult[] } {
  const { signatureKeys, signatureCount } = input.requirements;
  if (signatureKeys.length === 0) return { items: [], checks: [] };
  const items = input.signatures.map((signature) => judgeSignature(signature, input));
  const checks: CheckResult[] = items
    .filter((item) => item.reason === 'digest-mismatch' || (item.reason === 'malformed' && item.keyName !== undefined))
    .map((item) => ({ kind: 'signature', name: `signature ${item.source}`, ok: false, reason: item.reason, message: item.message }));
  const perKey = signatureKeys.map((key) => keyCheck(key, items, input));
  if (signatureCount >= signatureKeys.length) return { items, checks: [...perKey, ...checks] };
  const satisfied = perKey.filter((check) => check.ok).length;
  const combined: CheckResult = {
    kind: 'signature',
    name: `signatures by ${signatureCount} of ${keyList(signatureKeys)}`,
    ok: satisfied >= signatureCount,
    reason: satisfied >= signatureCount ? 'verified' : firstFailure(perKey),
    message: `${satisfied} of the ${signatureCount} required signatures verified${satisfied >= signatureCount ? '' : `: ${perKey.filter((check) => !check.ok).map((check) => check.message).join('; ')}`}`,
  };
  return { items, checks: [combined, ...checks] };
}

function judgeSignature(signature: CosignSignatureInput, input: VerifyImageInput): ItemResult {
  const base = { kind: 'signature', source: signature.source } as const;
  if (signature.payload.length > MAX_SIGNATURE_PAYLOAD_BYTES) {
    return { ...base, ok: false, reason: 'malformed', message: `the signed payload is ${signature.payload.length} bytes, more than the ${MAX_SIGNATURE_PAYLOAD_BYTES} a signature payload may have; not verified` };
  }
  if (signature.signature === '' || signature.signature.length > MAX_SIGNATURE_CHARS || !isBase64(signature.signature)) {
    return { ...base, ok: false, reason: 'malformed', message: 'the signature is not base64 (or is empty or too long)' };
  }
  const bytes = Buffer.from(signature.signature, 'base64');
  const keys = input.requirements.signatureKeys;
  const signer = keys.find((key) => verifyData(key.key, signature.payload, bytes));
  if (signer === undefined) {
    const hints = cosignHints(signature.keyHint, signature.certificate, signature.bundle);
    return { ...base, ok: false, ...explainFailure(signature.payload, bytes, keys, input.knownKeys ?? [], hints) };
  }
  const parsed = parseSimpleSigningPayload(Buffer.from(signature.payload));
  if (!parsed.ok) return { ...base, ok: false, keyName: signer.name, reason: 'malformed', message: `signed by key "${signer.name}", but ${parsed.error}` };
  if (parsed.value.manifestDigest !== input.digest) {
    const message = `a signature by key "${signer.name}" is for ${parsed.value.manifestDigest}, not for ${input.digest} (a signature copied from another image, or the tag now points elsewhere); rejected`;
    return { ...base, ok: false, keyName: signer.name, reason: 'digest-mismatch', message };
  }
  return { ...base, ok: true, keyName: signer.name, reason: 'verified', message: `signed by key "${signer.name}" for ${input.digest}` };
}

const PRIORITY: readonly VerifyReason[] = ['tampered-payload', 'signed-by-another-key', 'signature-mismatch', 'malformed'];

function keyCheck(key: NamedKey, items: readonly ItemResult[], input: VerifyImageInput): CheckResult {
  const name = `signature by key "${key.name}"`;
  const good = items.find((item) => item.ok && item.keyName === key.name);
  if (good !== undefined) return { kind: 'signature', name, ok: true, reason: 'verified', message: `${good.message} (${good.source})` };
  if (items.length === 0) return { kind: 'signature', name, ok: false, reason: 'no-signatures', message: `no signatures found for ${input.digest}` };
  const failures = items.filter((item) => !item.ok && (item.keyName === undefined || item.keyName === key.name));
  const worst = PRIORITY.map((reason) => failures.find((item) => item.reason === reason)).find((item) => item !== undefined) ?? failures[0];
  if (worst === undefined) return { kind: 'signature', name, ok: false, reason: 'signature-mismatch', message: `none of the ${items.length} signatures is by key "${key.name}"` };
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more invalid signatures)` : '';
  return { kind: 'signature', name, ok: false, reason: worst.reason, message: `no valid signature by key "${key.name}": ${worst.message} (${worst.source})${more}` };
}

function firstFailure(checks: readonly CheckResult[]): VerifyReason {
  return checks.find((check) => !check.ok)?.reason ?? 'signature-mismatch';
}
