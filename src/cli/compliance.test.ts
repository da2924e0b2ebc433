import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PalisadeError } from '../core/index.ts';
import { importAdvisories } from '../vuln/index.ts';
import { generateKeyPair } from '../signing/keys/index.ts';
import { verifyBundle } from '../signing/bundle/index.ts';
import { COMPLIANCE_HELP, complianceCommand } from './compliance.ts';
import { verifyBlobCommand } from './verify-blob.ts';
import type { CliIo } from './io.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'insecure-app');

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  // No database unless a test names one (a developer's own cache must not leak into the results).
  const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: { PALISADE_WORKERS: '0', PALISADE_DB: join(tmpdir(), 'palisade-no-such.db') } };
  return { io, out: () => stdout, err: () => stderr };
}

function record(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return Object.fromEntries(Object.entries(value));
}

const DOCKERFILE = 'FROM alpine:3.19\nADD config.json /app/\nCMD ["/app/run"]\n';
const EXCEPTIONS = `exceptions:
  - rule: DKR-0006
    reason: "Health is probed by the orchestrator"
    owner: platform@example.com
    ticket: SEC-7
    expires: 2099-12-31
  - rule: DKR-0004
    reason: "Old waiver"
    owner: legacy@example.com
    expires: 2020-01-01
`;

let dir = '';
let repo = '';
let other = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-compliance-'));
  repo = join(dir, 'repo');
  other = join(dir, 'other');
  await mkdir(join(repo, '.palisade'), { recursive: true });
  await mkdir(other, { recursive: true });
  await writeFile(join(repo, 'Dockerfile'), DOCKERFILE);
  await writeFile(join(repo, '.palisade', 'exceptions.yaml'), EXCEPTIONS);
  await writeFile(join(other, 'notes.txt'), 'nothing to see\n');
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function jsonReport(args: readonly string[]): Promise<Record<string, unknown>> {
  const { io, out } = fakeIo();
  assert.equal(await complianceCommand(['report', ...args, '--format', 'json'], io), 0);
  return record(JSON.parse(out()));
}

function statusOf(report: Record<string, unknown>, id: string): unknown {
  const controls = report['controls'];
  assert.ok(Array.isArray(controls));
  return controls.map(record).find((control) => control['id'] === id)?.['status'];
}

describe('palisade compliance list', () => {
  it('shows each framework with its automation counts', async () => {
    const { io, out } = fakeIo();
    assert.equal(await complianceCommand(['list'], io), 0);
    const lines = out().split('\n');
    assert.match(lines[0] ?? '', /^FRAMEWORK +CONTROLS +AUTOMATED +PARTIAL +MANUAL +WITH CHECKS +TITLE$/);
    assert.match(out(), /\nhipaa +9 +0 +6 +3 +\d+ +HIPAA Security Rule \(45 CFR 164 Subpart C\)\n/);
    assert.equal(lines.filter((line) => /^(cis-docker-1\.6|cis-k8s-1\.9|hipaa|nist-800-190|nsa-cisa-k8s-1\.2|pci-dss-4\.0) /.test(line)).length, 6);
  });

  it('writes JSON on request', async () => {
    const { io, out } = fakeIo();
    assert.equal(await complianceCommand(['list', '--format', 'json'], io), 0);
    const frameworks = record(JSON.parse(out()))['frameworks'];
    assert.ok(Array.isArray(frameworks));
    const hipaa = frameworks.map(record).find((framework) => framework['id'] === 'hipaa');
    assert.deepEqual({ ...hipaa, withChecks: 0 }, { id: 'hipaa', title: 'HIPAA Security Rule (45 CFR 164 Subpart C)', url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C', automated: 0, partial: 6, manual: 3, total: 9, withChecks: 0 });
  });
});

describe('palisade compliance report', () => {
  it('evaluates controls with failing, waived and expired-exception evidence', async () => {
    const report = await jsonReport([repo, '--framework', 'cis-docker-1.6']);
    assert.equal(statusOf(report, '4.1'), 'fail');
    assert.equal(statusOf(report, '4.6'), 'waived');
    assert.equal(statusOf(report, '4.9'), 'fail');
    assert.equal(statusOf(report, '4.5'), 'manual');
    assert.deepEqual(report['exceptionsInForce'], [{ kind: 'exception', owner: 'platform@example.com', reason: 'Health is probed by the orchestrator', ticket: 'SEC-7', expires: '2099-12-31', source: '.palisade/exceptions.yaml:2' }]);
    const expired = report['expiredExceptions'];
    assert.ok(Array.isArray(expired));
    assert.deepEqual(expired.map(record).map((item) => [item['ruleId'], item['path']]), [['GATE-0001', '.palisade/exceptions.yaml']]);
    assert.deepEqual(record(report['framework'])['id'], 'cis-docker-1.6');
  });

  it('combines several targets into one report; controls no check ran on are not applicable', async () => {
    const report = await jsonReport([repo, other, '--framework', 'cis-k8s-1.9']);
    const targets = report['targets'];
    assert.ok(Array.isArray(targets));
    assert.deepEqual(targets.map(record).map((target) => target['target']), [repo, other]);
    assert.equal(statusOf(report, '5.2.2'), 'not-applicable');
    assert.equal(statusOf(report, '5.1.4'), 'manual');
  });

  it('matches vulnerabilities and records the advisory database', async () => {
    const lockOnly = join(dir, 'lock-only');
    await mkdir(lockOnly, { recursive: true });
    await writeFile(join(lockOnly, 'package-lock.json'), await readFile(join(EXAMPLE, 'package-lock.json'), 'utf8'));
    const db = join(dir, 'advisories.db');
    await importAdvisories(db, [join(EXAMPLE, 'advisories')], { replace: true });
    const report = await jsonReport([lockOnly, '--framework', 'pci-dss-4.0', '--scanners', 'vuln', '--db', db]);
    assert.equal(statusOf(report, '6.3.3'), 'fail');
    assert.equal(statusOf(report, '11.3.1'), 'fail');
    assert.equal(statusOf(report, '8.6.2'), 'not-applicable');
    const database = record(report['database']);
    assert.deepEqual([database['path'], database['recordCount'], database['ageHours']], [db, 5, 0]);
    assert.deepEqual(report['ruleSet'], ['GATE-0001', 'GATE-0002', 'GATE-0003', 'scanner:vuln']);
  });

  it('writes HTML to --output', async () => {
    const { io, out } = fakeIo();
    const file = join(dir, 'report.html');
    assert.equal(await complianceCommand(['report', repo, '--framework', 'cis-docker-1.6', '--format', 'html', '--output', file], io), 0);
    assert.equal(out(), '');
    const html = await readFile(file, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('<h3><span class="status s-fail">Fail</span> 4.1 The image names a non-root user to run as</h3>'));
  });

  it('signs the report into a Sigstore bundle that verify-blob accepts, and that a changed byte breaks', async () => {
    const { privateKey, publicKey } = generateKeyPair();
    const keyFile = join(dir, 'signer.pem');
    const pubFile = join(dir, 'signer.pub');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const file = join(dir, 'signed.json');
    const { io, err } = fakeIo();
    assert.equal(await complianceCommand(['report', repo, '--framework', 'cis-docker-1.6', '--format', 'json', '--output', file, '--sign-key', keyFile], io), 0);
    assert.equal(err(), `Signature bundle written to ${file}.sigstore.json\n`);
    const bundle = await readFile(`${file}.sigstore.json`, 'utf8');
    assert.deepEqual(verifyBundle(bundle, { key: publicKey, artifact: await readFile(file), source: 'bundle' }), { ok: true });
    assert.equal(await verifyBlobCommand([file, '--key', pubFile, '--bundle', `${file}.sigstore.json`], fakeIo().io), 0);
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, (await readFile(file, 'utf8')).replace('"fail"', '"pass"'));
    assert.equal(await verifyBlobCommand([tampered, '--key', pubFile, '--bundle', `${file}.sigstore.json`], fakeIo().io), 1);
  });

  it('writes Markdown by default, with the full-report link when given', async () => {
    const { io, out } = fakeIo();
    assert.equal(await complianceCommand(['report', repo, '--framework', 'hipaa', '--full-report-url', 'https://ci.example.com/r.html'], io), 0);
    assert.ok(out().startsWith('# Compliance: HIPAA Security Rule (45 CFR 164 Subpart C)\n'));
    assert.ok(out().includes('| 164.308(a)(1)(ii)(B) | Risk management | partial | Fail | 1 |'));
  });

  it('rejects usage errors', async () => {
    const usage = (error: unknown): boolean => error instanceof PalisadeError && error.code === 'USAGE';
    await assert.rejects(complianceCommand(['report', repo], fakeIo().io), usage);
    await assert.rejects(complianceCommand(['report', repo, '--framework', 'iso-27001'], fakeIo().io), (error: unknown) => usage(error) && error instanceof Error && error.message.startsWith('Unknown framework "iso-27001"; expected one of cis-docker-1.6, '));
    await assert.rejects(complianceCommand(['report', '--framework', 'hipaa'], fakeIo().io), usage);
    await assert.rejects(complianceCommand(['report', repo, '--framework', 'hipaa', '--format', 'pdf'], fakeIo().io), usage);
    await assert.rejects(complianceCommand(['report', repo, '--framework', 'hipaa', '--sign-key', 'k.pem'], fakeIo().io), (error: unknown) => usage(error) && error instanceof Error && /--sign-key needs --output/.test(error.message));
    await assert.rejects(complianceCommand(['audit'], fakeIo().io), usage);
  });

  it('prints help', async () => {
    const { io, out } = fakeIo();
    assert.equal(await complianceCommand(['--help'], io), 0);
    assert.equal(out(), COMPLIANCE_HELP);
    assert.equal(await complianceCommand([], fakeIo().io), 2);
  });
});
