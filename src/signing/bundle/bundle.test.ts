import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../core/errors.ts';
import { generateKeyPair } from '../keys/index.ts';
import { signBlobBundle, signDsseBundle, verifyBundle } from './index.ts';

const { privateKey, publicKey } = generateKeyPair();
const other = generateKeyPair();
const artifact = Buffer.from('release artefact\n');

describe('Sigstore bundles (offline, key-based)', () => {
  it('writes a v0.3 message-signature bundle with the key hint and no log entries', async () => {
    const bundle = await signBlobBundle(privateKey, publicKey, artifact);
    assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    assert.equal(bundle.verificationMaterial?.tlogEntries, undefined);
    assert.equal(bundle.messageSignature?.messageDigest?.digest, createHash('sha256').update(artifact).digest('base64'));
    assert.match(bundle.verificationMaterial?.publicKey?.hint ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  it('verifies its own bundle, and rejects another file, another key', async () => {
    const text = JSON.stringify(await signBlobBundle(privateKey, publicKey, artifact));
    assert.deepEqual(verifyBundle(text, { key: publicKey, artifact, source: 'b.json' }), { ok: true });
    const changed = verifyBundle(text, { key: publicKey, artifact: Buffer.from('release artefact!\n'), source: 'b.json' });
    assert.equal(changed.ok, false);
    assert.match(changed.ok ? '' : changed.reason, /^SIGNATURE_ERROR: /);
    const wrongKey = verifyBundle(text, { key: other.publicKey, artifact, source: 'b.json' });
    assert.match(wrongKey.ok ? '' : wrongKey.reason, /^SIGNATURE_ERROR: /);
  });

  it('reads the v0.2 media type of the same bundle', async () => {
    const bundle = await signBlobBundle(privateKey, publicKey, artifact);
    const text = JSON.stringify({ ...bundle, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.2' });
    assert.deepEqual(verifyBundle(text, { key: publicKey, artifact, source: 'b.json' }), { ok: true });
  });

  it('verifies a DSSE bundle and returns the payload', async () => {
    const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
    const text = JSON.stringify(await signDsseBundle(privateKey, publicKey, 'application/vnd.in-toto+json', payload));
    assert.deepEqual(verifyBundle(text, { key: publicKey, source: 'd.json' }), { ok: true, payload });
    const tampered = JSON.parse(text) as { dsseEnvelope: { payload: string } };
    tampered.dsseEnvelope.payload = Buffer.from('{"_type":"x"}').toString('base64');
    assert.equal(verifyBundle(JSON.stringify(tampered), { key: publicKey, source: 'd.json' }).ok, false);
  });

  it('rejects malformed bundles and trusted roots with SIGNATURE_INVALID', async () => {
    const good = JSON.stringify(await signBlobBundle(privateKey, publicKey, artifact));
    const cases = [
      [good.slice(0, 50), undefined, /^b\.json: the bundle is not valid JSON \(/],
      ['{}', undefined, /^b\.json: not a Sigstore bundle: /],
      ['{"mediaType":"application/vnd.dev.sigstore.bundle.v0.9+json"}', undefined, /^b\.json: not a Sigstore bundle: /],
      [good, '{"tlogs": 5', /^trusted root: the trusted root is not valid JSON/],
      [good, '[]', /^trusted root: not a JSON object$/],
      [`${' '.repeat(64 * 1024 * 1024)}{}`, undefined, /^b\.json: the bundle is larger than 67108864 characters; refused$/],
    ] as const;
    for (const [text, trustedRoot, message] of cases) {
      const options = { key: publicKey, artifact, source: 'b.json', ...(trustedRoot === undefined ? {} : { trustedRoot }) };
      assert.throws(() => verifyBundle(text, options), (error: unknown) => isPalisadeError(error) && error.code === 'SIGNATURE_INVALID' && message.test(error.message));
    }
  });

  it('fails a bundle with log entries when no trusted root is given, saying so', async () => {
    const bundle = JSON.parse(JSON.stringify(await signBlobBundle(privateKey, publicKey, artifact))) as { mediaType: string; verificationMaterial: { tlogEntries: unknown[] } };
    bundle.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
    bundle.verificationMaterial.tlogEntries = [{
      logIndex: '1', logId: { keyId: Buffer.alloc(32).toString('base64') }, kindVersion: { kind: 'hashedrekord', version: '0.0.1' }, integratedTime: '1700000000',
      inclusionPromise: { signedEntryTimestamp: 'AAAA' }, canonicalizedBody: Buffer.from('{}').toString('base64'),
    }];
    const verdict = verifyBundle(JSON.stringify(bundle), { key: publicKey, artifact, source: 'b.json' });
    assert.equal(verdict.ok, false);
    assert.match(verdict.ok ? '' : verdict.reason, /\(the bundle has transparency-log entries: give --trusted-root to check them\)$/);
  });

  it('verifies a v0.1 bundle whose Rekor entry (inclusion promise) checks out against a supplied trusted_root.json, offline', async () => {
    const rekor = generateKeyPair();
    const { bundle, trustedRoot } = await rekorBundle(rekor, artifact);
    assert.deepEqual(verifyBundle(bundle, { key: publicKey, artifact, trustedRoot, source: 'v01.json' }), { ok: true });
    const forged = generateKeyPair();
    const { trustedRoot: otherRoot } = await rekorBundle(forged, artifact);
    const wrongLog = verifyBundle(bundle, { key: publicKey, artifact, trustedRoot: otherRoot, source: 'v01.json' });
    assert.deepEqual(wrongLog, { ok: false, reason: 'TLOG_INCLUSION_PROMISE_ERROR: inclusion promise could not be verified' });
  });
});

/** A v0.1 bundle with a hashedrekord entry whose SET is signed by a test "Rekor" key, and a trusted root naming that key. */
async function rekorBundle(rekor: ReturnType<typeof generateKeyPair>, data: Buffer): Promise<{ bundle: string; trustedRoot: string }> {
  const serialized = (await signBlobBundle(privateKey, publicKey, data)) as unknown as { mediaType: string; messageSignature: { signature: string }; verificationMaterial: Record<string, unknown> };
  const rekorDer = rekor.publicKey.export({ format: 'der', type: 'spki' });
  const logId = createHash('sha256').update(rekorDer).digest();
  const body = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(data).digest('hex') } },
      signature: { content: serialized.messageSignature.signature, publicKey: { content: Buffer.from(publicKey.export({ format: 'pem', type: 'spki' })).toString('base64') } },
    },
  };
  const canonicalizedBody = Buffer.from(JSON.stringify(body)).toString('base64');
  const integratedTime = 1_790_000_000;
  // Rekor's SET: its signature over the canonical JSON of {body, integratedTime, logID (hex), logIndex}.
  const payload = `{"body":"${canonicalizedBody}","integratedTime":${integratedTime},"logID":"${logId.toString('hex')}","logIndex":7}`;
  const signedEntryTimestamp = sign('sha256', Buffer.from(payload), rekor.privateKey).toString('base64');
  serialized.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
  serialized.verificationMaterial['tlogEntries'] = [{
    logIndex: '7',
    logId: { keyId: logId.toString('base64') },
    kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
    integratedTime: String(integratedTime),
    inclusionPromise: { signedEntryTimestamp },
    canonicalizedBody,
  }];
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: 'https://rekor.test', hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: rekorDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: '2020-01-01T00:00:00Z' } }, logId: { keyId: logId.toString('base64') } }],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  };
  return { bundle: JSON.stringify(serialized), trustedRoot: JSON.stringify(trustedRoot) };
}
