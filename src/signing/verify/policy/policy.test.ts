import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../../../core/errors.ts';
import { exportPublicKey, generateKeyPair } from '../../keys/index.ts';
import { buildSimpleSigningPayload } from '../../oci/simple-signing.ts';
import { compileGlob, loadVerifyPolicy, matchingPolicies, normalizeRepository, parseVerifyPolicy, verifyWithPolicy } from '../index.ts';

const release = generateKeyPair();
const ci = generateKeyPair();
const DIGEST = `sha256:${'c'.repeat(64)}`;

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
${indent(exportPublicKey(ci.publicKey), 6)}
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

const readKey = async (path: string): Promise<string> => {
  if (path === 'release.pub') return exportPublicKey(release.publicKey);
  throw new Error(`ENOENT: no such file ${path}`);
};

function assertPolicyError(promise: Promise<unknown>, message: string): Promise<void> {
  return assert.rejects(promise, (error: unknown) => isPalisadeError(error) && error.code === 'POLICY_INVALID' && error.message === message);
}

describe('verification policy files', () => {
  it('loads keys (file and inline), globs, types, durations and conditions', async () => {
    const policy = await parseVerifyPolicy('policy.yaml', POLICY, readKey);
    assert.deepEqual(policy.keys.map((key) => key.name), ['release', 'ci']);
    assert.equal(policy.noMatch, 'deny');
    const [production, everything] = policy.images;
    assert.equal(production?.requirements.attestations[0]?.predicateType, 'https://palisade.dev/attestations/scan/v1');
    assert.equal(production?.requirements.attestations[0]?.maxAgeSeconds, 604_800);
    assert.equal(everything?.requirements.signatureCount, 1);
    assert.deepEqual(matchingPolicies(policy, 'registry.example/prod/api:1.2').map((image) => image.name), ['production', 'everything']);
    assert.deepEqual(matchingPolicies(policy, 'registry.example/dev/api').map((image) => image.name), ['everything']);
    assert.deepEqual(matchingPolicies(policy, 'nginx:1.27').map((image) => image.name), ['everything']);
    assert.deepEqual(matchingPolicies(policy, 'other.example/x').map((image) => image.name), []);
  });

  it('reads key paths relative to the policy file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-policy-'));
    await writeFile(join(dir, 'release.pub'), exportPublicKey(release.publicKey));
    await writeFile(join(dir, 'policy.yaml'), POLICY);
    const policy = await loadVerifyPolicy(join(dir, 'policy.yaml'));
    assert.equal(policy.images.length, 2);
    await assertPolicyError(loadVerifyPolicy(join(dir, 'missing.yaml')), `Cannot read the verification policy ${join(dir, 'missing.yaml')}: ENOENT: no such file or directory, open '${join(dir, 'missing.yaml')}'`);
  });

  it('verifies an image against every matching policy, and denies unmatched images unless noMatch: allow', async () => {
    const policy = await parseVerifyPolicy('policy.yaml', POLICY, readKey);
    const payload = buildSimpleSigningPayload('registry.example/dev/api', DIGEST);
    const signatures = [{ payload, signature: sign('sha256', payload, ci.privateKey).toString('base64'), source: 'sig-1' }];
    const now = new Date('2026-11-27T00:00:00Z');
    const dev = verifyWithPolicy(policy, { reference: 'registry.example/dev/api:1', digest: DIGEST, signatures, attestations: [], now });
    assert.deepEqual(dev.checks.map((check) => [check.name, check.ok, check.reason]), [['signatures by 1 of keys "release", "ci"', true, 'verified']]);
    assert.equal(dev.ok, true);
    const prod = verifyWithPolicy(policy, { reference: 'registry.example/prod/api:1', digest: DIGEST, signatures, attestations: [], now });
    assert.equal(prod.ok, false);
    assert.deepEqual(prod.checks.map((check) => [check.name, check.ok, check.reason]), [
      ['[production] signature by key "release"', false, 'signed-by-another-key'],
      ['[production] attestation palisade-scan', false, 'no-attestations'],
      ['[everything] signatures by 1 of keys "release", "ci"', true, 'verified'],
    ]);
    assert.equal(prod.checks[0]?.message, 'no valid signature by key "release": signed by key "ci", not by key "release" (sig-1)');
    const denied = verifyWithPolicy(policy, { reference: 'other.example/x', digest: DIGEST, signatures, attestations: [], now });
    assert.deepEqual([denied.ok, denied.checks[0]?.message], [false, 'no policy in policy.yaml matches other.example/x; denied (set noMatch: allow to let unmatched images through)']);
    const allowing = await parseVerifyPolicy('p.yaml', POLICY.replace('images:', 'noMatch: allow\nimages:'), readKey);
    assert.equal(verifyWithPolicy(allowing, { reference: 'other.example/x', digest: DIGEST, signatures, attestations: [], now }).ok, true);
  });

  it('rejects bad policies with POLICY_INVALID at file:line:column', async () => {
    const base = 'apiVersion: palisade.dev/v1alpha1\nkind: VerificationPolicy\nkeys:\n  ci:\n    path: release.pub\nimages:\n';
    const cases = [
      [`${base}  - glob: "a/**"\n    signatures:\n      keys: [nope]\n`, 'p.yaml:9:14: unknown key "nope" (declare it under "keys")'],
      [`${base}  - glob: "a/**"\n    signatures:\n      keys: [ci]\n      count: 2\n`, 'p.yaml:10:7: count 2 is more than the 1 keys listed'],
      [`${base}  - glob: "a/**"\n    attestations:\n      - type: sbom\n        keys: [ci]\n`, 'p.yaml:9:9: Unknown attestation type "sbom"; use one of custom, cyclonedx, link, openvex, palisade-scan, slsaprovenance, slsaprovenance02, slsaprovenance1, spdx, spdxjson, vuln or a predicate type URI'],
      [`${base}  - glob: "a/**"\n    attestations:\n      - type: vuln\n        keys: [ci]\n        maxAge: 7 days\n`, 'p.yaml:11:9: maxAge must be a duration such as 7d, 12h or 1d12h (units s, m, h, d, w); got "7 days"'],
      [`${base}  - glob: "a/**"\n    attestations:\n      - type: vuln\n        keys: [ci]\n        conditions:\n          - expression: "predicate.x =="\n`, 'p.yaml:12:13: conditions: condition "predicate.x ==" does not compile at column 15: Unexpected token: EOF'],
      [`${base}  - glob: "a/**"\n    attestations:\n      - type: vuln\n`, 'p.yaml:9:9: no keys: list "keys" here or under "signatures"'],
      [`${base}  - glob: "a/**"\n`, 'p.yaml:7:5: the policy requires neither signatures nor attestations'],
      [`${base}  - glob: "a/**"\n    signature: {}\n`, 'p.yaml:8:5: unknown key "signature" in images[0] (did you mean "signatures"?)'],
      ['apiVersion: v1\nkind: VerificationPolicy\nimages: [{glob: a, signatures: {keys: [x]}}]\n', 'p.yaml:1:13: "apiVersion" must be equal to constant'],
      ['images: [', 'p.yaml:1:10: YAML syntax error'],
      [base.replace('path: release.pub', 'path: missing.pub') + '  - glob: "a"\n    signatures: { keys: [ci] }\n', 'p.yaml:5:5: key "ci": cannot read missing.pub: ENOENT: no such file missing.pub'],
      [base.replace('path: release.pub', 'publicKey: "nope"') + '  - glob: "a"\n    signatures: { keys: [ci] }\n', 'p.yaml:5:5: key "ci": No PEM block found in the public key file (expected "-----BEGIN … KEY-----")'],
    ] as const;
    for (const [text, message] of cases) {
      await assert.rejects(parseVerifyPolicy('p.yaml', text, readKey), (error: unknown) => {
        assert.ok(isPalisadeError(error));
        assert.equal(error.code, 'POLICY_INVALID');
        assert.equal(error.message.split('\n')[0]?.startsWith(message), true, `${error.message} !~ ${message}`);
        return true;
      });
    }
  });
});

describe('image globs', () => {
  const table = [
    ['registry.example/prod/*', 'registry.example/prod/api', true],
    ['registry.example/prod/*', 'registry.example/prod/team/api', false],
    ['registry.example/prod/**', 'registry.example/prod/team/api', true],
    ['registry.example/prod/ap?', 'registry.example/prod/api', true],
    ['nginx', 'docker.io/library/nginx', true],
    ['library/*', 'docker.io/library/redis', true],
    ['bitnami/*', 'docker.io/bitnami/redis', true],
    ['index.docker.io/library/nginx', 'docker.io/library/nginx', true],
    ['**', 'anything.example/at/all', true],
    ['*.example/app', 'registry.example/app', true],
    ['localhost:5000/app', 'localhost:5000/app', true],
    ['registry.example/a.b', 'registry.example/aXb', false],
  ] as const;
  for (const [glob, repository, expected] of table) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${repository}`, () => assert.equal(compileGlob(glob).matches(repository), expected));
  }

  it('normalises references to repositories', () => {
    const cases = [
      ['nginx', 'docker.io/library/nginx'],
      ['nginx:1.27@sha256:' + 'a'.repeat(64), 'docker.io/library/nginx'],
      ['index.docker.io/bitnami/redis', 'docker.io/bitnami/redis'],
      ['ghcr.io/org/app:v1', 'ghcr.io/org/app'],
      ['localhost:5000/app', 'localhost:5000/app'],
      ['', undefined],
    ] as const;
    for (const [reference, expected] of cases) assert.equal(normalizeRepository(reference), expected, reference);
  });
});
