import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { enterOfflineMode } from '../kit/index.ts';
import { importAdvisories } from '../vuln/index.ts';
import type { CliIo } from './io.ts';
import { KIT_HELP, kitCommand } from './kit.ts';
import { scanCommand } from './scan.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-cli-kit-'));
after(() => rmSync(WORK, { recursive: true, force: true }));
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'insecure-app');
const NOW = new Date('2026-11-27T12:00:00Z');

function fakeIo(): CliIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: { HOME: WORK, PALISADE_WORKERS: '0' }, out: () => stdout };
}

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKey = join(WORK, 'kit.key');
const publicKey = join(WORK, 'kit.pub');
const otherKey = join(WORK, 'other.pub');
const sourceDb = join(WORK, 'online', 'advisories.db');
const kit = join(WORK, 'kit.tar.zst');

before(async () => {
  writeFileSync(privateKey, keys.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(publicKey, keys.publicKey.export({ format: 'pem', type: 'spki' }));
  writeFileSync(otherKey, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }));
  await importAdvisories(sourceDb, [join(EXAMPLE, 'advisories')]);
  mkdirSync(join(WORK, 'policies'));
  writeFileSync(join(WORK, 'policies', 'labels.yaml'), 'kind: ValidatingAdmissionPolicy\n');
});

/** A copy of the example without its own advisories folder: vulnerabilities can come only from the database. */
function exampleCopy(name: string): string {
  const copy = join(WORK, name);
  cpSync(EXAMPLE, copy, { recursive: true });
  rmSync(join(copy, 'advisories'), { recursive: true });
  writeFileSync(join(copy, '.palisade.yaml'), 'failOn: high\n');
  return copy;
}

function vulnerabilityIds(json: string): string[] {
  const report: unknown = JSON.parse(json);
  assert.ok(typeof report === 'object' && report !== null && 'findings' in report && Array.isArray(report.findings));
  return report.findings.filter((finding: { kind: string }) => finding.kind === 'vulnerability').map((finding: { ruleId: string }) => finding.ruleId).sort();
}

describe('palisade kit', () => {
  it('prints help', async () => {
    const io = fakeIo();
    assert.equal(await kitCommand(['--help'], io), 0);
    assert.equal(io.out(), KIT_HELP);
  });

  it('creates, verifies and imports a kit; an offline scan of the example then finds the vulnerabilities', async () => {
    const create = fakeIo();
    assert.equal(await kitCommand(['create', '-o', kit, '--key', privateKey, '--db', sourceDb, '--policy', join(WORK, 'policies')], create, NOW), 0);
    assert.match(create.out(), /^Wrote .*kit\.tar\.zst: 2 files, [\d.]+ MiB, made by palisade [\w.-]+ on 2026-11-27T12:00:00\.000Z, signed by sha256:[0-9a-f]{64}\n$/);
    const verify = fakeIo();
    assert.equal(await kitCommand(['verify', kit, '--key', publicKey], verify), 0);
    assert.match(verify.out(), /: verified \(2 files/);

    const installedDb = join(WORK, 'airgap', 'advisories.db');
    const imported = fakeIo();
    assert.equal(await kitCommand(['import', kit, '--key', publicKey, '--db', installedDb], imported), 0);
    assert.equal(readFileSync(join(WORK, 'airgap', 'kit', 'policies', 'policies', 'labels.yaml'), 'utf8'), 'kind: ValidatingAdmissionPolicy\n');

    const guard = enterOfflineMode(undefined, installedDb);
    try {
      const scan = fakeIo();
      assert.equal(await scanCommand([exampleCopy('offline-app'), '--db', installedDb, '--format', 'json', '--quiet'], scan), 1);
      assert.deepEqual(vulnerabilityIds(scan.out()), ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-9wv6-86v2-598j', 'GHSA-hrpp-h998-j3pp', 'GHSA-xvch-5gv4-984h']);
    } finally {
      guard.restore();
    }
  });

  it('fails an offline scan clearly without a kit', () => {
    assert.throws(() => enterOfflineMode(['misconfig', 'vuln'], join(WORK, 'nowhere', 'advisories.db')), { code: 'DB_UNAVAILABLE', message: /^--offline: no advisory database at .*nowhere\/advisories\.db, and none can be downloaded\. Import an offline kit first/ });
    enterOfflineMode(['misconfig', 'secret'], join(WORK, 'nowhere', 'advisories.db')).restore();
  });

  it('rejects a tampered kit or another key, and installs nothing', async () => {
    const target = join(WORK, 'untouched', 'advisories.db');
    await assert.rejects(kitCommand(['import', kit, '--key', otherKey, '--db', target], fakeIo()), { code: 'SIGNATURE_INVALID' });
    const bytes = readFileSync(kit);
    const tampered = join(WORK, 'tampered.tar.zst');
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0xff;
    writeFileSync(tampered, bytes);
    await assert.rejects(kitCommand(['import', tampered, '--key', publicKey, '--db', target], fakeIo()), (error: unknown) => {
      assert.ok(error instanceof Error && 'code' in error && (error.code === 'SIGNATURE_INVALID' || error.code === 'PARSE_FAILED'), String(error));
      return true;
    });
    assert.equal(existsSync(target), false);
    assert.equal(existsSync(join(WORK, 'untouched', 'kit')), false);
    assert.ok(statSync(join(WORK, 'untouched')).isDirectory());
  });

  it('names what is missing', async () => {
    await assert.rejects(kitCommand(['create', '-o', kit], fakeIo()), { code: 'USAGE', message: 'palisade kit needs --key' });
    await assert.rejects(kitCommand(['create', '--key', privateKey], fakeIo()), { code: 'USAGE', message: 'palisade kit needs -o FILE' });
    await assert.rejects(kitCommand(['unpack', kit, '--key', publicKey], fakeIo()), { code: 'USAGE', message: /^Unknown kit command "unpack / });
  });
});
