import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hasOpenssl, makeCertificates } from '../admission/test-certs.ts';
import { httpsRequest, reviewOf } from '../admission/test-client.ts';
import { admissionManifests } from '../admission/manifests.ts';
import { ADMISSION_HELP, admissionCommand } from './admission.ts';
import type { CliIo } from './io.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-cli-admission-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

function fakeIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

test('help, and usage errors name the problem', async () => {
  const io = fakeIo();
  assert.equal(await admissionCommand(['--help'], io), 0);
  assert.equal(io.out(), ADMISSION_HELP);
  assert.equal(await admissionCommand([], fakeIo()), 2);
  const table: readonly [readonly string[], RegExp][] = [
    [['frobnicate'], /^Unknown admission command "frobnicate"; expected "serve" or "manifests"$/],
    [['manifests'], /^admission manifests needs exactly one of --cert-manager and --ca-bundle FILE/],
    [['manifests', '--cert-manager', '--ca-bundle', 'x.pem'], /^admission manifests needs exactly one of/],
    [['manifests', '--cert-manager', '--timeout', '31'], /^--timeout must be a whole number from 1 to 30 \(got "31"\)$/],
    [['manifests', '--cert-manager', '--namespace', 'Bad_Name'], /^--namespace must be a DNS label \(got "Bad_Name"\)$/],
    [['manifests', '--ca-bundle', join(WORK, 'missing.pem')], /^Cannot read --ca-bundle /],
    [['serve'], /^admission serve needs --tls-cert and --tls-key$/],
    [['serve', '--tls-cert', 'a', '--tls-key', 'b', '--mode', 'loud'], /^--mode must be one of enforce, warn, audit \(got "loud"\)$/],
  ];
  for (const [args, message] of table) await assert.rejects(admissionCommand(args, fakeIo()), (error: unknown) => error instanceof Error && message.test(error.message), args.join(' '));
});

test('manifests prints what admissionManifests makes', async () => {
  const io = fakeIo();
  assert.equal(await admissionCommand(['manifests', '--cert-manager', '--namespace', 'guard'], io), 0);
  assert.equal(io.out(), admissionManifests({ trust: { kind: 'cert-manager' }, namespace: 'guard', timeoutSeconds: 5 }));
  const pem = join(WORK, 'ca.pem');
  writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const withCa = fakeIo();
  assert.equal(await admissionCommand(['manifests', '--ca-bundle', pem, '--failure-policy', 'Ignore'], withCa), 0);
  assert.ok(withCa.out().includes('failurePolicy: Ignore'));
  assert.ok(withCa.out().includes(`caBundle: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64')}`));
});

test('serve answers over HTTPS until stopped', { skip: hasOpenssl() ? false : 'needs the Debian package openssl' }, async () => {
  const certs = makeCertificates(WORK);
  const io = fakeIo();
  const lifetime = new AbortController();
  const running = admissionCommand(['serve', '--tls-cert', certs.certPath, '--tls-key', certs.keyPath, '--port', '0', '--host', '127.0.0.1', '--mode', 'warn', '--skip-rules', 'require-network-policy'], io, lifetime.signal);
  let port: number | undefined;
  for (let attempt = 0; attempt < 600 && port === undefined; attempt += 1) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    const match = /listening on port (\d+) \(warn, \d+ rules, 0 policies\)/.exec(io.err());
    port = match === null ? undefined : Number(match[1]);
  }
  assert.ok(port !== undefined, io.err());
  const answer = await httpsRequest(port, certs.ca, 'POST', '/validate', reviewOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'nginx:1', securityContext: { privileged: true } }] } }));
  assert.equal(answer.status, 200);
  assert.match(answer.text, /"allowed":true/);
  assert.match(answer.text, /K8S-0001 no-privileged-container \(critical\)/);
  lifetime.abort();
  assert.equal(await running, 0);
});
