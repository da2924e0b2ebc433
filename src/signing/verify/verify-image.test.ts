import assert from 'node:assert/strict';
import { createHash, sign, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { signEnvelope } from '../dsse/index.ts';
import { buildStatement, serializeStatement } from '../intoto/index.ts';
import { generateKeyPair, keyFingerprint } from '../keys/index.ts';
import { buildSimpleSigningPayload } from '../oci/simple-signing.ts';
import { requirementsFromFlags, verifyImage, type AttestationInput, type CosignSignatureInput, type ImageVerification, type NamedKey, type VerifyImageInput } from './index.ts';

const ci = generateKeyPair();
const other = generateKeyPair();
const CI: NamedKey = { name: 'ci', key: ci.publicKey };
const OTHER: NamedKey = { name: 'other', key: other.publicKey };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const ELSEWHERE = `sha256:${'b'.repeat(64)}`;
const REF = 'registry.example/app';
const NOW = new Date('2026-11-27T12:00:00Z');

/** A cosign signature built by hand: simple-signing payload, ECDSA-SHA256 DER signature in base64. */
function cosignSignature(key: KeyObject, digest = DIGEST, extra: Partial<CosignSignatureInput> = {}): CosignSignatureInput {
  const payload = buildSimpleSigningPayload(REF, digest);
  return { payload, signature: sign('sha256', payload, key).toString('base64'), source: 'sig-1', ...extra };
}

function attestation(key: KeyObject, predicate: unknown, options: { digest?: string; type?: string; keyid?: string } = {}): AttestationInput {
  const statement = buildStatement({ name: REF, digest: options.digest ?? DIGEST }, options.type ?? 'https://palisade.dev/attestations/scan/v1', predicate);
  return { envelope: signEnvelope(key, 'application/vnd.in-toto+json', serializeStatement(statement), options.keyid === undefined ? {} : { keyid: options.keyid }), source: 'att-1' };
}

const scan = (timestamp: string, critical = 0): unknown => ({ scanner: { name: 'palisade', version: '0.3.0' }, counts: { critical, high: 2, medium: 0, low: 0, info: 0 }, verdict: critical === 0 ? 'pass' : 'fail', timestamp });

function run(partial: Partial<VerifyImageInput>, flags: Parameters<typeof requirementsFromFlags>[0] = { keys: [CI] }): ImageVerification {
  return verifyImage({ reference: REF, digest: DIGEST, signatures: [], attestations: [], requirements: requirementsFromFlags(flags), now: NOW, ...partial });
}

function summary(result: ImageVerification): unknown {
  return { ok: result.ok, checks: result.checks.map((check) => [check.ok, check.reason, check.message]) };
}

describe('verifyImage: signatures', () => {
  const cases: readonly [string, () => ImageVerification, boolean, readonly (readonly [boolean, string, string])[]][] = [
    ['a valid signature by the key', () => run({ signatures: [cosignSignature(ci.privateKey)] }), true, [[true, 'verified', `signed by key "ci" for ${DIGEST} (sig-1)`]]],
    ['no signature at all', () => run({}), false, [[false, 'no-signatures', `no signatures found for ${DIGEST}`]]],
    ['a signature by an unknown key (no hint)', () => run({ signatures: [cosignSignature(other.privateKey)] }), false, [[false, 'signature-mismatch', 'no valid signature by key "ci": the signature does not verify with key "ci": it was made by another key, or the payload was altered (sig-1)']]],
    ['a signature by another known key', () => run({ signatures: [cosignSignature(other.privateKey)], knownKeys: [CI, OTHER] }), false, [[false, 'signed-by-another-key', 'no valid signature by key "ci": signed by key "other", not by key "ci" (sig-1)']]],
    ['a signature whose hint names another key', () => run({ signatures: [cosignSignature(other.privateKey, DIGEST, { keyHint: keyFingerprint(other.publicKey) })] }), false, [[false, 'signed-by-another-key', `no valid signature by key "ci": signed by another key (${keyFingerprint(other.publicKey)}), not by key "ci" (sig-1)`]]],
    ['a tampered payload (hint names the key)', () => run({ signatures: [tampered(cosignSignature(ci.privateKey, DIGEST, { keyHint: keyFingerprint(ci.publicKey) }))] }), false, [[false, 'tampered-payload', 'no valid signature by key "ci": the payload was altered after signing: the signature names key "ci" but does not verify with it (sig-1)']]],
    ['a tampered payload (Rekor bundle records the signed hash)', () => run({ signatures: [withRekor(cosignSignature(ci.privateKey))] }), false, [[false, 'tampered-payload', 'no valid signature by key "ci": the payload was altered after signing (its sha256 differs from the one recorded in the Rekor bundle); key "ci" did not sign these bytes (sig-1)']]],
    ['a signature by an unknown key with hostile hints (garbage bundle and certificate)', () => run({ signatures: [cosignSignature(other.privateKey, DIGEST, { bundle: '{"Payload":{"body":"!!"}', certificate: 'not a cert' })] }), false, [[false, 'signature-mismatch', 'no valid signature by key "ci": the signature does not verify with key "ci": it was made by another key, or the payload was altered (sig-1)']]],
    ['a signature for another digest', () => run({ signatures: [cosignSignature(ci.privateKey, ELSEWHERE)] }), false, [
      [false, 'digest-mismatch', `no valid signature by key "ci": a signature by key "ci" is for ${ELSEWHERE}, not for ${DIGEST} (a signature copied from another image, or the tag now points elsewhere); rejected (sig-1)`],
      [false, 'digest-mismatch', `a signature by key "ci" is for ${ELSEWHERE}, not for ${DIGEST} (a signature copied from another image, or the tag now points elsewhere); rejected`],
    ]],
    ['a valid signature beside one for another digest (rejected, not ignored)', () => run({ signatures: [cosignSignature(ci.privateKey), cosignSignature(ci.privateKey, ELSEWHERE, { source: 'sig-2' })] }), false, [
      [true, 'verified', `signed by key "ci" for ${DIGEST} (sig-1)`],
      [false, 'digest-mismatch', `a signature by key "ci" is for ${ELSEWHERE}, not for ${DIGEST} (a signature copied from another image, or the tag now points elsewhere); rejected`],
    ]],
    ['a valid signature beside one by an unknown key', () => run({ signatures: [cosignSignature(other.privateKey, DIGEST, { source: 'sig-0' }), cosignSignature(ci.privateKey)] }), true, [[true, 'verified', `signed by key "ci" for ${DIGEST} (sig-1)`]]],
    ['a signature that is not base64', () => run({ signatures: [{ ...cosignSignature(ci.privateKey), signature: 'MEUCIQ!!' }] }), false, [[false, 'malformed', 'no valid signature by key "ci": the signature is not base64 (or is empty or too long) (sig-1)']]],
    ['a signed payload that is not simple signing', () => run({ signatures: [{ payload: Buffer.from('{}'), signature: sign('sha256', Buffer.from('{}'), ci.privateKey).toString('base64'), source: 'sig-1' }] }), false, [
      [false, 'malformed', 'no valid signature by key "ci": signed by key "ci", but the signed payload has no "critical" object (sig-1)'],
      [false, 'malformed', 'signed by key "ci", but the signed payload has no "critical" object'],
    ]],
    ['two keys required, one signed', () => run({ signatures: [cosignSignature(ci.privateKey)] }, { keys: [CI, OTHER] }), false, [
      [true, 'verified', `signed by key "ci" for ${DIGEST} (sig-1)`],
      [false, 'signature-mismatch', 'none of the 1 signatures is by key "other"'],
    ]],
    ['nothing required', () => run({}, { keys: [] }), false, [[false, 'no-policy', `nothing is required of ${REF}: give --key or a policy that matches it`]]],
  ];
  for (const [name, make, ok, checks] of cases) {
    it(name, () => assert.deepEqual(summary(make()), { ok, checks }));
  }

  it('refuses a 100 MB payload unread, with a clear message and no crash', () => {
    const payload = Buffer.alloc(100 * 1024 * 1024, 0x20);
    const result = run({ signatures: [{ payload, signature: 'AAAA', source: 'big' }] });
    assert.deepEqual(summary(result), { ok: false, checks: [[false, 'malformed', 'no valid signature by key "ci": the signed payload is 104857600 bytes, more than the 1048576 a signature payload may have; not verified (big)']] });
  });
});

function tampered(signature: CosignSignatureInput): CosignSignatureInput {
  return { ...signature, payload: buildSimpleSigningPayload(REF, ELSEWHERE) };
}

/** cosign's bundle annotation for the original payload, then the payload is changed. */
function withRekor(signature: CosignSignatureInput): CosignSignatureInput {
  const body = { apiVersion: '0.0.1', kind: 'hashedrekord', spec: { data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(signature.payload).digest('hex') } }, signature: { content: signature.signature, publicKey: { content: Buffer.from(ci.publicKey.export({ format: 'pem', type: 'spki' })).toString('base64') } } } };
  const bundle = JSON.stringify({ SignedEntryTimestamp: 'AAAA', Payload: { body: Buffer.from(JSON.stringify(body)).toString('base64'), integratedTime: 1, logIndex: 1, logID: 'x' } });
  return { ...tampered(signature), bundle };
}

describe('verifyImage: attestations', () => {
  const flags = { keys: [CI], attestationTypes: ['palisade-scan'], maxAge: '7d', conditions: ['predicate.counts.critical == 0'] };
  const signatures = [cosignSignature(ci.privateKey)];
  const attest = (partial: Partial<VerifyImageInput>, overrides: Partial<typeof flags> = {}): unknown => summary(run({ signatures, ...partial }, { ...flags, ...overrides }));
  const signed = [true, 'verified', `signed by key "ci" for ${DIGEST} (sig-1)`] as const;

  const cases: readonly [string, () => unknown, boolean, readonly (readonly [boolean, string, string])[]][] = [
    ['a fresh scan attestation with no critical findings', () => attest({ attestations: [attestation(ci.privateKey, scan('2026-11-25T00:00:00Z'))] }), true, [signed, [true, 'verified', 'palisade-scan attestation signed by key "ci" (att-1)']]],
    ['an expired attestation', () => attest({ attestations: [attestation(ci.privateKey, scan('2026-11-10T00:00:00Z'))] }), false, [signed, [false, 'attestation-expired', 'the newest palisade-scan attestation is 17d 12h old (from 2026-11-10T00:00:00.000Z), older than the maximum 7d (att-1)']]],
    ['an old expired and a fresh attestation', () => attest({ attestations: [attestation(ci.privateKey, scan('2026-11-10T00:00:00Z')), { ...attestation(ci.privateKey, scan('2026-11-26T00:00:00Z')), source: 'att-2' }] }), true, [signed, [true, 'verified', 'palisade-scan attestation signed by key "ci" (att-2)']]],
    ['a critical finding', () => attest({ attestations: [attestation(ci.privateKey, scan('2026-11-25T00:00:00Z', 3))] }), false, [signed, [false, 'condition-failed', 'the palisade-scan attestation does not meet the condition: predicate.counts.critical == 0 (att-1)']]],
    ['a predicate without the field the condition reads', () => attest({ attestations: [attestation(ci.privateKey, { timestamp: '2026-11-25T00:00:00Z' })] }), false, [signed, [false, 'condition-error', 'the condition "predicate.counts.critical == 0" on the palisade-scan attestation could not be evaluated: No such key: counts (att-1)']]],
    ['a statement about another digest', () => attest({ attestations: [attestation(ci.privateKey, scan('2026-11-25T00:00:00Z'), { digest: ELSEWHERE })] }), false, [
      signed,
      [false, 'attestation-missing', 'no palisade-scan attestation signed by "ci"'],
      [false, 'subject-mismatch', `a https://palisade.dev/attestations/scan/v1 attestation signed by key "ci" is about ${ELSEWHERE}, not ${DIGEST}; rejected`],
    ]],
    ['an attestation by another key (keyid hint)', () => attest({ attestations: [attestation(other.privateKey, scan('2026-11-25T00:00:00Z'), { keyid: keyFingerprint(other.publicKey) })] }), false, [signed, [false, 'signed-by-another-key', `no valid palisade-scan attestation: signed by another key (${keyFingerprint(other.publicKey)}), not by key "ci" (att-1)`]]],
    ['a tampered attestation (keyid names the key)', () => attest({ attestations: [tamperedEnvelope(attestation(ci.privateKey, scan('2026-11-25T00:00:00Z'), { keyid: keyFingerprint(ci.publicKey) }))] }), false, [signed, [false, 'tampered-payload', 'no valid palisade-scan attestation: the payload was altered after signing: the signature names key "ci" but does not verify with it (att-1)']]],
    ['a truncated DSSE envelope', () => attest({ attestations: [{ envelope: '{"payloadType":"application/vnd.in-toto+json","payload":"eyJf', source: 'att-1' }] }), false, [signed, [false, 'malformed', 'no valid palisade-scan attestation: att-1: not valid JSON (Unterminated string in JSON at position 61 (line 1 column 62)) (att-1)']]],
    ['an undated attestation with --max-age', () => attest({ attestations: [attestation(ci.privateKey, { counts: { critical: 0 } })] }), false, [signed, [false, 'attestation-undated', 'the palisade-scan attestation records no time, so its age (max 7d) cannot be checked (att-1)']]],
    ['an attestation of another type only', () => attest({ attestations: [attestation(ci.privateKey, {}, { type: 'https://cyclonedx.org/bom' })] }), false, [signed, [false, 'attestation-missing', 'no palisade-scan attestation signed by "ci" (verified attestations: https://cyclonedx.org/bom)']]],
    ['no attestation', () => attest({}), false, [signed, [false, 'no-attestations', `no attestations found for ${DIGEST}; a palisade-scan attestation is required`]]],
  ];
  for (const [name, make, ok, checks] of cases) {
    it(name, () => assert.deepEqual(make(), { ok, checks }));
  }
});

function tamperedEnvelope(input: AttestationInput): AttestationInput {
  if (typeof input.envelope === 'string') return input;
  const statement = buildStatement({ name: REF, digest: DIGEST }, 'https://palisade.dev/attestations/scan/v1', scan('2026-11-25T00:00:00Z', 0));
  const changed = JSON.parse(serializeStatement(statement).toString()) as { predicate: { counts: { high: number } } };
  changed.predicate.counts.high = 0;
  return { ...input, envelope: { ...input.envelope, payload: Buffer.from(JSON.stringify(changed)).toString('base64') } };
}
