import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIo } from './io.ts';
import { scanCommand } from './scan.ts';

const gitAvailable = spawnSync('git', ['--version']).status === 0;
const ROOT = mkdtempSync(join(tmpdir(), 'palisade-cli-diff-base-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function fakeIo(): CliIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: { PALISADE_WORKERS: '0' }, out: () => stdout };
}

function slugsAndLines(json: string): string[] {
  const report: unknown = JSON.parse(json);
  assert.ok(typeof report === 'object' && report !== null && 'findings' in report && Array.isArray(report.findings));
  return report.findings.map((finding: { slug: string; location: { path: string; startLine?: number } }) => `${finding.slug} ${finding.location.path}:${String(finding.location.startLine)}`);
}

describe('palisade scan --diff-base', () => {
  it('reports and gates only the findings the change adds', async (t) => {
    if (!gitAvailable) return t.skip('needs the Debian package git');
    const repo = join(ROOT, 'repo');
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
    writeFileSync(join(repo, 'Dockerfile'), 'FROM node:20.11.1-alpine\nUSER node\nCMD ["node", "server.js"]\n');
    execFileSync('git', ['-C', repo, 'add', '.'], { env: ENV });
    execFileSync('git', ['-C', repo, 'commit', '--quiet', '-m', 'base'], { env: ENV });
    // Uncommitted work counts too (the working tree is compared): a pre-commit hook scans what is staged.
    writeFileSync(join(repo, 'Dockerfile'), 'FROM node:20.11.1-alpine\nUSER node\nRUN curl -fsSL https://example.com/i.sh | bash\nCMD ["node", "server.js"]\n');

    const full = fakeIo();
    assert.equal(await scanCommand([repo, '--scanners', 'misconfig', '--format', 'json', '--quiet'], full), 1);
    assert.ok(slugsAndLines(full.out()).includes('require-healthcheck Dockerfile:1'));

    const pr = fakeIo();
    assert.equal(await scanCommand([repo, '--scanners', 'misconfig', '--format', 'json', '--quiet', '--diff-base', 'HEAD'], pr), 1);
    assert.deepEqual(slugsAndLines(pr.out()), ['no-curl-pipe-to-shell Dockerfile:3', 'require-pipefail Dockerfile:3']);

    const medium = fakeIo();
    writeFileSync(join(repo, 'Dockerfile'), 'FROM node:20.11.1-alpine\nUSER node\nEXPOSE 22\nCMD ["node", "server.js"]\n');
    assert.equal(await scanCommand([repo, '--scanners', 'misconfig', '--format', 'json', '--quiet', '--diff-base', 'HEAD'], medium), 0);
    assert.deepEqual(slugsAndLines(medium.out()), ['no-ssh-port Dockerfile:3']);
  });

  it('refuses image targets and unknown revisions before scanning', async (t) => {
    if (!gitAvailable) return t.skip('needs the Debian package git');
    await assert.rejects(scanCommand(['docker://example.com/app:1', '--diff-base', 'main'], fakeIo()), { code: 'USAGE', message: /not an image or SBOM/ });
    await assert.rejects(scanCommand([join(ROOT, 'repo'), '--diff-base', 'nope'], fakeIo()), { code: 'USAGE', message: /^--diff-base nope: not a commit/ });
  });
});
