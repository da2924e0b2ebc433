import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../signing/dsse/index.ts';
import { buildStatement, PREDICATE_TYPES, serializeStatement } from '../signing/intoto/index.ts';
import { generateKeyPair } from '../signing/keys/index.ts';
import { verifyAttestation } from './image-attestations.ts';

const DIGEST = `sha256:${'ef'.repeat(32)}`;
const OTHER = `sha256:${'01'.repeat(32)}`;
const trusted = generateKeyPair();
const stranger = generateKeyPair();
const KEYS = [{ name: 'release', key: trusted.publicKey }];
const SCAN = { counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, verdict: 'fail', timestamp: '2026-11-26T08:00:00.000Z' };

function envelope(options: { key?: typeof trusted.privateKey; digest?: string; payloadType?: string; payload?: Buffer } = {}): string {
  const statement = buildStatement({ name: 'registry.example.com/shop/orders', digest: options.digest ?? DIGEST }, PREDICATE_TYPES['palisade-scan'], SCAN);
  return JSON.stringify(signEnvelope(options.key ?? trusted.privateKey, options.payloadType ?? IN_TOTO_PAYLOAD_TYPE, options.payload ?? serializeStatement(statement)));
}

describe('verifyAttestation', () => {
  it('reads a statement about the digest signed by a policy key, with its predicate time', () => {
    assert.deepEqual(verifyAttestation(envelope(), 'tag x.att, layer 0', DIGEST, KEYS), {
      predicateType: PREDICATE_TYPES['palisade-scan'],
      predicate: SCAN,
      keyName: 'release',
      time: new Date('2026-11-26T08:00:00.000Z'),
      source: 'tag x.att, layer 0',
    });
  });

  const ignored: readonly (readonly [string, string])[] = [
    ['signed by a key the policy does not know', envelope({ key: stranger.privateKey })],
    ['about another digest', envelope({ digest: OTHER })],
    ['of another payload type', envelope({ payloadType: 'application/json' })],
    ['whose signed payload is not a statement', envelope({ payload: Buffer.from('{"hello":1}') })],
    ['whose signed payload is not JSON', envelope({ payload: Buffer.from('\u0000\u0001 not json') })],
    ['that is truncated JSON', envelope().slice(0, 40)],
    ['that is not an envelope', '{"payloadType": 3}'],
    ['with an empty signature list', JSON.stringify({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload: '', signatures: [] })],
    ['that is an array', '[]'],
    ['that is huge garbage', 'x'.repeat(1_000_000)],
  ];
  for (const [name, text] of ignored) {
    it(`ignores an envelope ${name}`, () => assert.equal(verifyAttestation(text, 'layer', DIGEST, KEYS), undefined));
  }

  it('ignores everything when the policy has no keys', () => assert.equal(verifyAttestation(envelope(), 'layer', DIGEST, []), undefined));
});
