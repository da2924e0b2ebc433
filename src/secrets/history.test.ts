import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fake } from './providers/build.ts';
import { detectorRules } from './rules/index.ts';
import { scanGitHistory } from './history.ts';

const gitAvailable = spawnSync('git', ['--version']).status === 0;
const skip = gitAvailable ? false : 'git is not installed: install the Debian package `git` to run the history tests';

const COMMITS = 5000;
const ADDED_AT = 2000;
const DELETED_AT = 3000;
const KEY_ID = `AKIA${fake('b32', 16, 'history-key')}`;

/**
 * A `git fast-import` stream of COMMITS commits: each edits one of 50 files; commit ADDED_AT adds
 * `config/prod.env` with an AWS key id on line 2, commit DELETED_AT deletes it again.
 */
function fastImportStream(): string {
  const parts: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let index = 1; index <= COMMITS; index += 1) {
    const when = 1_767_225_600 + index * 60;
    parts.push(`commit refs/heads/main\nmark :${index}\nauthor Dev ${index % 7} <dev${index % 7}@example.org> ${when} +0000\ncommitter CI <ci@example.org> ${when} +0000\n`);
    parts.push(data(`change ${index}`));
    if (index > 1) parts.push(`from :${index - 1}\n`);
    parts.push(`M 100644 inline src/file-${index % 50}.txt\n${data(`revision ${index}\nvalue = ${index * 7}\n`)}`);
    if (index === ADDED_AT) parts.push(`M 100644 inline config/prod.env\n${data(`REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${KEY_ID}\n`)}`);
    if (index === DELETED_AT) parts.push('D config/prod.env\n');
  }
  return parts.join('');
}

describe('git history scanning', { skip }, () => {
  let repo = '';
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'palisade-history-'));
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
    // A large malloc top pad: fast-import otherwise grows its heap with tens of thousands of small brk calls (seconds each under load).
    execFileSync('git', ['-C', repo, 'fast-import', '--quiet'], { input: fastImportStream(), maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MALLOC_TOP_PAD_: String(256 * 1024 * 1024) } });
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it(`finds a secret added in commit ${ADDED_AT} of ${COMMITS} and deleted later, at the commit that introduced it`, async () => {
    const introducing = execFileSync('git', ['-C', repo, 'log', '--format=%H', '--diff-filter=A', '--', 'config/prod.env'], { encoding: 'utf8' }).trim();
    const result = await scanGitHistory({ repo, rules: detectorRules });
    assert.deepEqual(result.errors, []);
    assert.equal(result.commitsScanned, COMMITS);
    const found = result.findings.map((finding) => ({ slug: finding.slug, path: finding.location.path, line: finding.location.startLine, column: finding.location.startColumn, evidence: finding.evidence, message: finding.message }));
    assert.deepEqual(found, [{
      slug: 'no-aws-access-key-id',
      path: `commit:${introducing}:config/prod.env`,
      line: 2,
      column: 19,
      evidence: 'AKIA…(20 chars)',
      message: `AWS access key ID AKIA…(20 chars) is committed in clear text. Added in commit ${introducing.slice(0, 12)} by Dev 5 <dev5@example.org> on 2026-01-02T09:20:00+00:00 (config/prod.env).`,
    }]);
  });

  it('limits the scan to a range with since', async () => {
    const base = execFileSync('git', ['-C', repo, 'rev-parse', `HEAD~${COMMITS - DELETED_AT}`], { encoding: 'utf8' }).trim();
    const result = await scanGitHistory({ repo, since: base, rules: detectorRules });
    assert.equal(result.commitsScanned, COMMITS - DELETED_AT);
    assert.deepEqual(result.findings, []);
  });

  it('reports a repository git cannot read as an error, not a crash', async () => {
    const result = await scanGitHistory({ repo: join(repo, 'missing'), rules: detectorRules });
    assert.equal(result.findings.length, 0);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? '', /^git log failed \(exit 128\)/);
  });
});
