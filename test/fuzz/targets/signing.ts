// Signing input (src/signing): DSSE envelopes, Sigstore bundles, in-toto statements, signature
// files, simple-signing payloads, public and encrypted private keys, verification policies and the
// verification cache rows. Only SIGNATURE_INVALID / KEY_INVALID / POLICY_INVALID are thrown; a
// changed input never verifies; envelopes and bundles survive parse → serialise → parse.
import { isDeepStrictEqual } from 'node:util';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { decodeSignatureFile } from '../../../src/signing/blob/index.ts';
import { parseBundle, signBlobBundle, signDsseBundle, verifyBundle } from '../../../src/signing/bundle/index.ts';
import { IN_TOTO_PAYLOAD_TYPE, parseEnvelope, signEnvelope, verifyEnvelope } from '../../../src/signing/dsse/index.ts';
import { parseStatement } from '../../../src/signing/intoto/index.ts';
import { encryptPrivateKey, exportPublicKey, generateKeyPair, loadPrivateKey, loadPublicKey, signData } from '../../../src/signing/keys/index.ts';
import { decodeVerification } from '../../../src/signing/oci/cache.ts';
import { parseSimpleSigningPayload } from '../../../src/signing/oci/simple-signing.ts';
import { parseVerifyPolicy } from '../../../src/signing/verify/policy/load.ts';
import type { FuzzTarget } from '../harness.ts';
import { PropertyViolation, onlyCodedErrors, onlyCodedErrorsAsync, utf8, violation } from '../harness.ts';

const keys = generateKeyPair();
const other = generateKeyPair();
const STATEMENT = JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'registry.example/app', digest: { sha256: 'c'.repeat(64) } }], predicateType: 'https://palisade.dev/scan/v1', predicate: { counts: { critical: 0 } } });
const ENVELOPE = JSON.stringify(signEnvelope(keys.privateKey, IN_TOTO_PAYLOAD_TYPE, Buffer.from(STATEMENT), { keyid: 'k1' }));
const BLOB = Buffer.from('the signed file\n');
const BLOB_BUNDLE = JSON.stringify(await signBlobBundle(keys.privateKey, keys.publicKey, BLOB));
const DSSE_BUNDLE = JSON.stringify(await signDsseBundle(keys.privateKey, keys.publicKey, IN_TOTO_PAYLOAD_TYPE, Buffer.from(STATEMENT)));
const PUBLIC_PEM = exportPublicKey(keys.publicKey);
const ENCRYPTED_PEM = encryptPrivateKey(keys.privateKey, 'pw');
const SIMPLE_SIGNING = JSON.stringify({ critical: { identity: { 'docker-reference': 'registry.example/app' }, image: { 'docker-manifest-digest': `sha256:${'c'.repeat(64)}` }, type: 'cosign container image signature' }, optional: { creator: 'x' } });
const DIGEST = `sha256:${'c'.repeat(64)}`;
const VERIFICATION = JSON.stringify({ reference: 'registry.example/app', digest: DIGEST, ok: true, checks: [{ kind: 'signature', ok: true, detail: 'key release' }], items: [{ kind: 'signature', key: 'release' }] });

function indent(pem: string, spaces: number): string {
  return pem.trim().split('\n').map((line) => `${' '.repeat(spaces)}${line}`).join('\n');
}

const POLICY = `apiVersion: palisade.dev/v1alpha1
kind: VerificationPolicy
keys:
  release:
    path: release.pub
  ci:
    publicKey: |
${indent(PUBLIC_PEM, 6)}
images:
  - name: production
    glob: registry.example/prod/**
    signatures:
      keys: [release]
    attestations:
      - type: palisade-scan
        keys: [ci]
        maxAge: 7d
        conditions:
          - expression: predicate.counts.critical == 0
            message: no critical findings
  - name: everything
    glob: ["registry.example/**", "nginx"]
    signatures:
      keys: [release, ci]
      count: 1
`;

async function readKey(path: string): Promise<string> {
  if (path === 'release.pub') return PUBLIC_PEM;
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
}

export const targets: readonly FuzzTarget[] = [
  {
    name: 'dsse-envelope',
    syntax: 'json',
    samples: [ENVELOPE],
    check(input) {
      const text = utf8(input);
      const envelope = onlyCodedErrors(() => parseEnvelope(text, 'fuzz.dsse.json'), ['SIGNATURE_INVALID']);
      if (envelope === undefined) return;
      const again = onlyCodedErrors(() => parseEnvelope(JSON.stringify(envelope), 'fuzz.dsse.json'), []);
      violation(isDeepStrictEqual(again, envelope), 'envelope round trip changed it');
      const verdict = onlyCodedErrors(() => verifyEnvelope(envelope, other.publicKey), []);
      violation(verdict?.ok === false, 'an envelope verified with a key that did not sign it');
      const own = onlyCodedErrors(() => verifyEnvelope(envelope, keys.publicKey), []);
      if (own?.ok === true) violation(own.payload.equals(Buffer.from(STATEMENT)) && envelope.payloadType === IN_TOTO_PAYLOAD_TYPE, 'a changed envelope verified');
    },
  },
  {
    name: 'sigstore-bundle',
    syntax: 'json',
    samples: [BLOB_BUNDLE, DSSE_BUNDLE],
    check(input) {
      const text = utf8(input);
      const bundle = onlyCodedErrors(() => parseBundle(text, 'fuzz.sigstore.json'), ['SIGNATURE_INVALID']);
      if (bundle === undefined) return;
      let json: unknown;
      try {
        json = bundleToJSON(bundle);
      } catch (error) {
        throw new PropertyViolation(`a parsed bundle does not serialise: ${error instanceof Error ? error.message : String(error)}`);
      }
      violation(isDeepStrictEqual(bundleFromJSON(json), bundle), 'bundle round trip changed it');
      const wrongKey = onlyCodedErrors(() => verifyBundle(text, { key: other.publicKey, artifact: BLOB, source: 'fuzz.sigstore.json' }), ['SIGNATURE_INVALID']);
      violation(wrongKey === undefined || !wrongKey.ok, 'a bundle verified with a key that did not sign it');
      const own = onlyCodedErrors(() => verifyBundle(text, { key: keys.publicKey, artifact: BLOB, source: 'fuzz.sigstore.json' }), ['SIGNATURE_INVALID']);
      if (own?.ok === true && own.payload !== undefined) violation(own.payload.equals(Buffer.from(STATEMENT)), 'a changed DSSE bundle verified');
    },
  },
  {
    name: 'in-toto-statement',
    syntax: 'json',
    samples: [STATEMENT],
    check: (input) => void onlyCodedErrors(() => parseStatement(input), ['SIGNATURE_INVALID']),
  },
  {
    name: 'signature-file',
    syntax: 'text',
    samples: [signData(keys.privateKey, BLOB).toString('base64'), `${signData(keys.privateKey, BLOB).toString('base64')}\n`],
    check: (input) => void onlyCodedErrors(() => decodeSignatureFile(input, 'fuzz.sig'), ['SIGNATURE_INVALID']),
  },
  {
    name: 'simple-signing',
    syntax: 'json',
    samples: [SIMPLE_SIGNING],
    check: (input) => void onlyCodedErrors(() => parseSimpleSigningPayload(input), []),
  },
  {
    name: 'public-key',
    syntax: 'text',
    samples: [PUBLIC_PEM],
    check: (input) => void onlyCodedErrors(() => loadPublicKey(utf8(input)), ['KEY_INVALID']),
  },
  {
    name: 'encrypted-private-key',
    syntax: 'text',
    weight: 0.1,
    samples: [ENCRYPTED_PEM],
    check: (input) => void onlyCodedErrors(() => loadPrivateKey(utf8(input), 'pw'), ['KEY_INVALID']),
  },
  {
    name: 'verification-cache-row',
    syntax: 'json',
    samples: [VERIFICATION],
    check: (input) => void onlyCodedErrors(() => decodeVerification(utf8(input), DIGEST), []),
  },
  {
    name: 'verify-policy',
    syntax: 'yaml',
    samples: [POLICY],
    check: async (input) => void (await onlyCodedErrorsAsync(() => parseVerifyPolicy('fuzz-policy.yaml', utf8(input), readKey), ['POLICY_INVALID', 'KEY_INVALID'])),
  },
];
