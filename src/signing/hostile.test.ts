import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isPalisadeError } from '../core/errors.ts';
import { decodeSignatureFile } from './blob/index.ts';
import { parseBundle } from './bundle/index.ts';
import { IN_TOTO_PAYLOAD_TYPE, parseEnvelope, signEnvelope, verifyEnvelope } from './dsse/index.ts';
import { parseStatement } from './intoto/index.ts';
import { generateKeyPair, loadPrivateKey, loadPublicKey, verifyData } from './keys/index.ts';

/** Runs `parse`; it may return, or throw a PalisadeError with one of `codes`, nothing else. */
function onlyCodedErrors(parse: () => unknown, codes: readonly string[]): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    return isPalisadeError(error) && codes.includes(error.code);
  }
}

const text = fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' }));

describe('hostile input never crashes the parsers and never passes verification', () => {
  it('parsers throw only their coded errors on arbitrary text', () => {
    fc.assert(
      fc.property(text, (input) => {
        assert.ok(onlyCodedErrors(() => parseEnvelope(input), ['SIGNATURE_INVALID']));
        assert.ok(onlyCodedErrors(() => parseStatement(input), ['SIGNATURE_INVALID']));
        assert.ok(onlyCodedErrors(() => parseBundle(input, 'b'), ['SIGNATURE_INVALID']));
        assert.ok(onlyCodedErrors(() => loadPublicKey(input), ['KEY_INVALID']));
        assert.ok(onlyCodedErrors(() => loadPrivateKey(`-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(input).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`, 'pw'), ['KEY_INVALID']));
        assert.ok(onlyCodedErrors(() => decodeSignatureFile(Buffer.from(input), 's'), ['SIGNATURE_INVALID']));
      }),
      { numRuns: 300 },
    );
  });

  it('envelope-shaped JSON with arbitrary fields parses or is refused with SIGNATURE_INVALID', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    fc.assert(
      fc.property(field, field, fc.array(fc.record({ sig: field, keyid: field }, { requiredKeys: [] }), { maxLength: 3 }), (payloadType, payload, signatures) => {
        assert.ok(onlyCodedErrors(() => parseEnvelope(JSON.stringify({ payloadType, payload, signatures })), ['SIGNATURE_INVALID']));
      }),
      { numRuns: 300 },
    );
  });

  it('a signed envelope with any one byte of its payload changed never verifies', () => {
    const { privateKey, publicKey } = generateKeyPair();
    const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"x","predicate":{}}');
    const envelope = signEnvelope(privateKey, IN_TOTO_PAYLOAD_TYPE, payload);
    fc.assert(
      fc.property(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const changed = Buffer.from(payload);
        changed[index] = (changed[index] ?? 0) ^ flip;
        assert.equal(verifyEnvelope({ ...envelope, payload: changed.toString('base64') }, publicKey).ok, false);
      }),
      { numRuns: 100 },
    );
  });

  it('random signatures never verify', () => {
    const { publicKey } = generateKeyPair();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 80 }), (data, signature) => {
        assert.equal(verifyData(publicKey, data, signature), false);
      }),
      { numRuns: 300 },
    );
  });
});
