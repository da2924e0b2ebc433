import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PalisadeError } from '../core/errors.ts';
import { TOOL_VERSION } from '../scan/version.ts';
import { INIT_HELP, initCommand } from './init.ts';
import { scanCommand } from './scan.ts';
import type { CliIo } from './io.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-cli-init-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
const NOW = new Date('2026-11-27T12:00:00Z');

function fakeIo(): CliIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {}, out: () => stdout };
}

function folder(name: string, files: Readonly<Record<string, string>> = {}): string {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('palisade init', () => {
  it('prints help', async () => {
    const io = fakeIo();
    assert.equal(await initCommand(['--help'], io), 0);
    assert.equal(io.out(), INIT_HELP);
  });

  it('writes the configuration and the pipeline of the detected system', async () => {
    const dir = folder('detected', { '.github/CODEOWNERS': '* @team\n' });
    const io = fakeIo();
    assert.equal(await initCommand([dir], io, NOW), 0);
    assert.equal(io.out(), 'created .palisade.yaml\ncreated .palisade/exceptions.yaml\ncreated .github/workflows/palisade.yml\n');
    assert.match(readFileSync(join(dir, '.github/workflows/palisade.yml'), 'utf8'), new RegExp(`uses: palisade-dev/palisade@v${TOOL_VERSION.replaceAll('.', '\\.')}\n`));
  });

  it('writes files a scan accepts as they are', async () => {
    const dir = folder('scannable', { Dockerfile: 'FROM alpine:3.20.3\nUSER nobody\nHEALTHCHECK CMD ["true"]\n' });
    assert.equal(await initCommand([dir, '--ci', 'github,gitlab,tekton,jenkins'], fakeIo(), NOW), 0);
    const io = fakeIo();
    const code = await scanCommand([dir, '--scanners', 'misconfig,secret', '--format', 'json', '--quiet'], { ...io, env: { PALISADE_WORKERS: '0' } });
    const report: unknown = JSON.parse(io.out());
    assert.ok(typeof report === 'object' && report !== null && 'errors' in report && 'findings' in report && Array.isArray(report.findings));
    assert.deepEqual(report.errors, []);
    // Only the notice that a Tekton Task (a custom resource) was not schema-validated (info).
    assert.deepEqual(report.findings.map((finding: { slug: string; severity: string; location: { path: string } }) => `${finding.slug} ${finding.severity} ${finding.location.path}`), ['require-known-schema info tekton/palisade-task.yaml']);
    assert.equal(code, 0);
  });

  it('says how to add a pipeline when no CI system is detected', async () => {
    const dir = folder('bare');
    const io = fakeIo();
    assert.equal(await initCommand([dir], io, NOW), 0);
    assert.match(io.out(), /No CI system detected .*--ci github\|gitlab\|tekton\|jenkins\.\n$/);
    assert.ok(existsSync(join(dir, '.palisade.yaml')));
  });

  it('--ci picks the systems and prints what is left to do by hand', async () => {
    const dir = folder('explicit', { Jenkinsfile: 'pipeline {}\n' });
    const io = fakeIo();
    assert.equal(await initCommand([dir, '--ci', 'tekton,jenkins', '--ci', 'tekton'], io, NOW), 0);
    assert.match(io.out(), /^created \.palisade\.yaml\ncreated \.palisade\/exceptions\.yaml\ncreated tekton\/palisade-task\.yaml\ncreated palisade\.Jenkinsfile\n\nApply the Task/);
    assert.equal(readFileSync(join(dir, 'Jenkinsfile'), 'utf8'), 'pipeline {}\n');
  });

  it('never overwrites without --force, and writes nothing then', async () => {
    const dir = folder('existing', { '.palisade.yaml': 'failOn: low\n' });
    await assert.rejects(initCommand([dir, '--ci', 'gitlab'], fakeIo(), NOW), (error: unknown) => {
      assert.ok(error instanceof PalisadeError);
      assert.equal(error.code, 'USAGE');
      assert.equal(error.message, 'Not overwriting .palisade.yaml: run again with --force to replace it');
      return true;
    });
    assert.equal(readFileSync(join(dir, '.palisade.yaml'), 'utf8'), 'failOn: low\n');
    assert.equal(existsSync(join(dir, '.palisade/exceptions.yaml')), false);
    const io = fakeIo();
    assert.equal(await initCommand([dir, '--ci', 'gitlab', '--force'], io, NOW), 0);
    assert.match(io.out(), /^overwrote \.palisade\.yaml\ncreated \.palisade\/exceptions\.yaml\n/);
    assert.notEqual(readFileSync(join(dir, '.palisade.yaml'), 'utf8'), 'failOn: low\n');
  });

  it('rejects an unknown CI system, extra directories and a missing directory', async () => {
    await assert.rejects(initCommand([ROOT, '--ci', 'circleci'], fakeIo()), { code: 'USAGE', message: '--ci must be one of github, gitlab, tekton, jenkins (got "circleci")' });
    await assert.rejects(initCommand(['a', 'b'], fakeIo()), { code: 'USAGE', message: 'Expected at most one directory, got a b' });
    await assert.rejects(initCommand([join(ROOT, 'missing')], fakeIo()), { code: 'TARGET_NOT_FOUND' });
  });
});
