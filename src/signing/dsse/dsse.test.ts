import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/errors.ts';
import { generateKeyPair } from '../keys/index.ts';
import { IN_TOTO_PAYLOAD_TYPE, isBase64, MAX_ENVELOPE_CHARS, parseEnvelope, preAuthEncoding, signEnvelope, verifyEnvelope } from './index.ts';

function assertEnvelopeError(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => isPalisadeError(error) && error.code === 'SIGNATURE_INVALID' && error.message === message);
}

describe('DSSE', () => {
  const { privateKey, publicKey } = generateKeyPair();
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');

  it('computes PAE as the DSSE v1 spec example', () => {
    // The protocol document's example: PAE("http://example.com/HelloWorld", "hello world").
    assert.equal(preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString(), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    assert.equal(preAuthEncoding('t', Buffer.from('é')).toString('latin1'), 'DSSEv1 1 t 2 Ã©');
  });

  it('signs and verifies a round trip through JSON', () => {
    const envelope = parseEnvelope(JSON.stringify(signEnvelope(privateKey, IN_TOTO_PAYLOAD_TYPE, payload)));
    const verdict = verifyEnvelope(envelope, publicKey);
    assert.deepEqual(verdict, { ok: true, payload });
  });

  it('verifies an envelope built by hand with node:crypto (ECDSA SHA-256 over PAE), URL-safe base64 unpadded', () => {
    const pae = Buffer.from(`DSSEv1 ${IN_TOTO_PAYLOAD_TYPE.length} ${IN_TOTO_PAYLOAD_TYPE} ${payload.length} ${payload.toString()}`);
    const sig = sign('sha256', pae, privateKey).toString('base64url');
    const envelope = parseEnvelope(JSON.stringify({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload: payload.toString('base64url'), signatures: [{ sig }] }));
    assert.equal(verifyEnvelope(envelope, publicKey).ok, true);
  });

  it('fails (with a reason) for another key, a changed payload, a changed payload type', () => {
    const envelope = signEnvelope(privateKey, IN_TOTO_PAYLOAD_TYPE, payload);
    const reason = 'no signature in the envelope verifies with the key (signed by another key, or the envelope was altered)';
    assert.deepEqual(verifyEnvelope(envelope, generateKeyPair().publicKey), { ok: false, reason });
    assert.deepEqual(verifyEnvelope({ ...envelope, payload: Buffer.from('{"x":1}').toString('base64') }, publicKey), { ok: false, reason });
    assert.deepEqual(verifyEnvelope({ ...envelope, payloadType: 'text/plain' }, publicKey), { ok: false, reason });
    assert.deepEqual(verifyEnvelope({ ...envelope, signatures: [] }, publicKey), { ok: false, reason: 'the envelope has no signatures' });
    assert.deepEqual(verifyEnvelope({ ...envelope, payload: '%%%' }, publicKey), { ok: false, reason: 'the payload is not base64' });
  });

  it('accepts an envelope when any one of several signatures is by the key', () => {
    const other = signEnvelope(generateKeyPair().privateKey, IN_TOTO_PAYLOAD_TYPE, payload);
    const mine = signEnvelope(privateKey, IN_TOTO_PAYLOAD_TYPE, payload);
    const both = { ...mine, signatures: [...other.signatures, { keyid: 'x', sig: 'AAAA' }, ...mine.signatures] };
    assert.equal(verifyEnvelope(both, publicKey).ok, true);
  });

  it('verifies Ed25519 and RSA envelopes', () => {
    for (const pair of [generateKeyPairSync('ed25519'), generateKeyPairSync('rsa', { modulusLength: 2048 })]) {
      assert.equal(verifyEnvelope(signEnvelope(pair.privateKey, 'x', payload), pair.publicKey).ok, true);
    }
  });

  it('rejects malformed envelopes with SIGNATURE_INVALID naming the source and the problem', () => {
    const good = JSON.stringify(signEnvelope(privateKey, IN_TOTO_PAYLOAD_TYPE, payload));
    const cases = [
      [good.slice(0, good.length - 20), /^att\.json: not valid JSON \(/],
      ['', /^att\.json: not valid JSON \(/],
      ['[1]', /^att\.json: not a JSON object$/],
      ['{"payload":"AAAA","signatures":[{"sig":"AAAA"}]}', /^att\.json: "payloadType" is missing or not a string$/],
      ['{"payloadType":"x","signatures":[{"sig":"AAAA"}]}', /^att\.json: "payload" is missing or not a string$/],
      ['{"payloadType":"x","payload":"not base64!","signatures":[{"sig":"AAAA"}]}', /^att\.json: "payload" is not base64$/],
      ['{"payloadType":"x","payload":"AAAA","signatures":[]}', /^att\.json: "signatures" is missing or empty$/],
      ['{"payloadType":"x","payload":"AAAA","signatures":[null]}', /^att\.json: signatures\[0\] is not an object$/],
      ['{"payloadType":"x","payload":"AAAA","signatures":[{"sig":"A"}]}', /^att\.json: signatures\[0\]\.sig is not base64$/],
      ['{"payloadType":"x","payload":"AAAA","signatures":[{"sig":"AA AA"}]}', /^att\.json: signatures\[0\]\.sig is not base64$/],
      ['{"payloadType":"x","payload":"AAAA","signatures":[{"sig":"AAAA","keyid":7}]}', /^att\.json: signatures\[0\]\.keyid is not a string$/],
    ] as const;
    for (const [text, message] of cases) {
      assert.throws(() => parseEnvelope(text, 'att.json'), (error: unknown) => isPalisadeError(error) && error.code === 'SIGNATURE_INVALID' && message.test(error.message));
    }
  });

  it('refuses an envelope with a 100 MB payload before parsing, with a clear error', () => {
    const huge = `{"payloadType":"x","payload":"${'A'.repeat(100 * 1024 * 1024)}","signatures":[{"sig":"AAAA"}]}`;
    assertEnvelopeError(() => parseEnvelope(huge, 'big.json'), `big.json: larger than ${MAX_ENVELOPE_CHARS} characters; refused`);
  });

  it('verifies a large (8 MB) payload correctly and rejects it once a byte changes', () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x61);
    const envelope = parseEnvelope(JSON.stringify(signEnvelope(privateKey, 'application/octet-stream', big)));
    assert.equal(verifyEnvelope(envelope, publicKey).ok, true);
    big[1000] = 0x62;
    assert.equal(verifyEnvelope({ ...envelope, payload: big.toString('base64') }, publicKey).ok, false);
  });

  it('isBase64 accepts standard and URL-safe forms only', () => {
    const table = [['', true], ['AAAA', true], ['AAA=', true], ['AA==', true], ['AAA', true], ['AA', true], ['A', false], ['-_-_', true], ['+/+/', true], ['+_', false], ['AA=A', false], ['AAAAA=', false], ['AA AA', false]] as const;
    for (const [text, expected] of table) assert.equal(isBase64(text), expected, text);
  });
});
