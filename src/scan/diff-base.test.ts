import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding, Report } from '../core/index.ts';
import { changesSince, isInChanges, parseUnifiedDiff, restrictReport, unquoteGitPath } from './diff-base.ts';
import { runScan } from './run-scan.ts';

const gitAvailable = spawnSync('git', ['--version']).status === 0;
const ROOT = mkdtempSync(join(tmpdir(), 'palisade-diff-base-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

const DIFF = `diff --git a/Dockerfile b/Dockerfile
index 1111111..2222222 100644
--- a/Dockerfile
+++ b/Dockerfile
@@ -3,0 +4,2 @@ FROM node:20
+RUN apt-get update
+USER root
@@ -9 +11 @@ CMD x
-EXPOSE 22
+EXPOSE 2222
@@ -20,2 +21,0 @@ y
-gone
-gone
diff --git a/k8s/old.yaml b/k8s/new.yaml
similarity index 100%
rename from k8s/old.yaml
rename to k8s/new.yaml
diff --git a/app/a.yaml b/app/b.yaml
similarity index 80%
rename from app/a.yaml
rename to app/b.yaml
index 3333333..4444444 100644
--- a/app/a.yaml
+++ b/app/b.yaml
@@ -5 +5 @@ spec:
-  replicas: 1
+  replicas: 2
diff --git a/new.env b/new.env
new file mode 100644
index 0000000..5555555
--- /dev/null
+++ b/new.env
@@ -0,0 +1,3 @@
+A=1
+B=2
+C=3
diff --git a/deleted.txt b/deleted.txt
deleted file mode 100644
index 6666666..0000000
--- a/deleted.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/empty b/empty
new file mode 100644
index 0000000..e69de29
diff --git a/logo.png b/logo.png
index 7777777..8888888 100644
Binary files a/logo.png and b/logo.png differ
diff --git "a/caf\\303\\251 \\"x\\".txt" "b/caf\\303\\251 \\"x\\".txt"
index 9999999..aaaaaaa 100644
--- "a/caf\\303\\251 \\"x\\".txt"
+++ "b/caf\\303\\251 \\"x\\".txt"
@@ -1 +1 @@
-a
+b
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
`;

describe('parseUnifiedDiff', () => {
  const changes = parseUnifiedDiff(DIFF);
  it('reads the changed lines, renames, new, binary and quoted files, and skips deleted ones', () => {
    assert.deepEqual(Object.fromEntries(changes), {
      Dockerfile: { oldPath: 'Dockerfile', whole: false, ranges: [[4, 5], [11, 11]] },
      'k8s/new.yaml': { oldPath: 'k8s/old.yaml', whole: false, ranges: [] },
      'app/b.yaml': { oldPath: 'app/a.yaml', whole: false, ranges: [[5, 5]] },
      'new.env': { oldPath: undefined, whole: true, ranges: [[1, 3]] },
      empty: { oldPath: undefined, whole: true, ranges: [] },
      'logo.png': { oldPath: 'logo.png', whole: true, ranges: [] },
      'café "x".txt': { oldPath: 'café "x".txt', whole: false, ranges: [[1, 1]] },
      'run.sh': { oldPath: 'run.sh', whole: false, ranges: [] },
    });
  });
  it('ignores text before the first file and malformed lines', () => {
    assert.deepEqual(Object.fromEntries(parseUnifiedDiff('warning: x\n@@ -1 +1 @@\n+a\n')), {});
    assert.deepEqual(Object.fromEntries(parseUnifiedDiff('diff --git a/x b/x\n@@ nonsense @@\n+++ b/x\n@@ -1 +2,0 @@\n')), { x: { oldPath: 'x', whole: false, ranges: [] } });
    assert.deepEqual(Object.fromEntries(parseUnifiedDiff('')), {});
  });
  it('handles a huge diff', () => {
    const hunks = Array.from({ length: 50_000 }, (_, index) => `@@ -${index * 2 + 1} +${index * 2 + 1} @@\n-a\n+b`).join('\n');
    const change = parseUnifiedDiff(`diff --git a/big b/big\n--- a/big\n+++ b/big\n${hunks}\n`).get('big');
    assert.equal(change?.ranges.length, 50_000);
    assert.deepEqual(change?.ranges.at(-1), [99_999, 99_999]);
  });
});

describe('unquoteGitPath', () => {
  const cases: readonly [string, string][] = [
    ['plain/path.txt', 'plain/path.txt'],
    ['"tab\\there"', 'tab\there'],
    ['"new\\nline"', 'new\nline'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\346\\227\\245\\346\\234\\254"', '日本'],
    ['"', '"'],
    ['"unknown \\q"', 'unknown q'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(unquoteGitPath(input), expected));
});

function finding(path: string, startLine?: number, endLine?: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'DKR-0001', slug: 'x', messageId: 'x', aliases: [], kind: 'misconfig', severity: 'high', title: 't', message: 'm',
    location: { path, ...(startLine === undefined ? {} : { startLine }), ...(endLine === undefined ? {} : { endLine }) },
    compliance: [], fingerprint: `${path}:${String(startLine)}`, remediation: 'r.', ...extra,
  };
}

describe('isInChanges', () => {
  const changes = parseUnifiedDiff(DIFF);
  const cases: readonly [string, Finding, boolean][] = [
    ['on an added line', finding('Dockerfile', 4), true],
    ['on the last added line', finding('Dockerfile', 5), true],
    ['on an unchanged line', finding('Dockerfile', 6), false],
    ['a range spanning a changed line (a lockfile entry)', finding('Dockerfile', 9, 12), true],
    ['a range ending before the change', finding('Dockerfile', 1, 3), false],
    ['no line, in a modified file', finding('Dockerfile'), false],
    ['no line, in a new file', finding('new.env'), true],
    ['in a binary file', finding('logo.png', 1), true],
    ['in a file renamed unchanged', finding('k8s/new.yaml', 1), false],
    ['on the changed line of a renamed file', finding('app/b.yaml', 5), true],
    ['in an unchanged file', finding('other.yaml', 5), false],
    ['in a deleted file', finding('deleted.txt', 1), false],
    ['an unparsed file, its error below the change', finding('Dockerfile', 30, 30, { ruleId: 'GATE-0003' }), true],
    ['an unparsed file without a line, in a modified file', finding('app/b.yaml', undefined, undefined, { ruleId: 'GATE-0003' }), true],
    ['an unparsed file renamed unchanged', finding('k8s/new.yaml', 3, 3, { ruleId: 'GATE-0003' }), false],
    ['an unparsed file not in the change', finding('other.yaml', 3, 3, { ruleId: 'GATE-0003' }), false],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(isInChanges(input, changes), expected));
});

describe('restrictReport', () => {
  it('recomputes the summary, the rules and the exit code', () => {
    const findings = [finding('Dockerfile', 4), finding('Dockerfile', 7), finding('new.env', 1, 1, { severity: 'low', ruleId: 'SEC-0001' }), finding('new.env', 2, 2, { suppression: { kind: 'inline', reason: 'test' } })];
    const report: Report = {
      schemaVersion: '1.0.0', tool: { name: 'palisade', version: '0' }, target: '.', findings,
      errors: [{ path: 'Dockerfile', code: 'PARSE_FAILED', message: 'x' }, { path: 'old.yaml', code: 'PARSE_FAILED', message: 'y' }],
      summary: { bySeverity: { critical: 0, high: 2, medium: 0, low: 1, info: 0 }, total: 3, suppressed: 1, failOn: 'high', failing: 2, filesScanned: 9 },
      rules: [],
    };
    const restricted = restrictReport(report, parseUnifiedDiff(DIFF));
    assert.equal(restricted.exitCode, 1);
    assert.deepEqual(restricted.report.findings.map((item) => item.location), [{ path: 'Dockerfile', startLine: 4 }, { path: 'new.env', startLine: 1, endLine: 1 }, { path: 'new.env', startLine: 2, endLine: 2 }]);
    assert.deepEqual(restricted.report.summary, { bySeverity: { critical: 0, high: 1, medium: 0, low: 1, info: 0 }, total: 2, suppressed: 1, failOn: 'high', failing: 1, filesScanned: 9 });
    assert.deepEqual(restricted.report.errors.map((error) => error.path), ['Dockerfile']);
    assert.equal(restrictReport(report, new Map()).exitCode, 0);
  });
});

const BASE_DOCKERFILE = 'FROM node:20.11.1-alpine\nUSER node\nCMD ["node", "server.js"]\n';

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

describe('changesSince on a real repository', () => {
  it('reports only the new finding of the change', async (t) => {
    if (!gitAvailable) return t.skip('needs the Debian package git');
    const repo = join(ROOT, 'repo');
    mkdirSync(join(repo, 'deploy'), { recursive: true });
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
    // The base already has a finding (the latest tag): PR mode must not report it again.
    writeFileSync(join(repo, 'Dockerfile'), BASE_DOCKERFILE);
    writeFileSync(join(repo, 'deploy', 'old.Dockerfile'), 'FROM alpine:latest\nUSER app\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'base');
    git(repo, 'checkout', '--quiet', '-b', 'feature');
    // The change: a renamed file with no new line, and one new line with a finding (the SSH port).
    git(repo, 'mv', 'deploy/old.Dockerfile', 'deploy/web.Dockerfile');
    writeFileSync(join(repo, 'Dockerfile'), BASE_DOCKERFILE.replace('USER node\n', 'USER node\nEXPOSE 22\n'));
    git(repo, 'commit', '--quiet', '-am', 'change');

    const changes = await changesSince(repo, 'main');
    assert.deepEqual(Object.fromEntries(changes), {
      Dockerfile: { oldPath: 'Dockerfile', whole: false, ranges: [[3, 3]] },
      'deploy/web.Dockerfile': { oldPath: 'deploy/old.Dockerfile', whole: false, ranges: [] },
    });
    const outcome = await runScan({ target: repo, scanners: ['misconfig'], env: { PALISADE_WORKERS: '0' } });
    assert.ok(outcome.report.findings.some((item) => item.location.path === 'deploy/web.Dockerfile'), 'the full scan sees the old finding');
    const restricted = restrictReport(outcome.report, changes);
    assert.deepEqual(restricted.report.findings.map((item) => `${item.slug} ${item.location.path}:${String(item.location.startLine)}`), ['no-ssh-port Dockerfile:3']);
    assert.equal(restricted.exitCode, 0);
    assert.equal(restricted.report.summary.total, 1);
  });

  it('names the revision when it is unknown, and refuses options as revisions', async (t) => {
    if (!gitAvailable) return t.skip('needs the Debian package git');
    await assert.rejects(changesSince(join(ROOT, 'repo'), 'no-such-branch'), { code: 'USAGE', message: /^--diff-base no-such-branch: not a commit of the git repository at / });
    await assert.rejects(changesSince(join(ROOT, 'repo'), '--output=/tmp/x'), { code: 'USAGE', message: '--diff-base needs a git revision (got "--output=/tmp/x")' });
    const plain = join(ROOT, 'not-a-repo');
    mkdirSync(plain);
    await assert.rejects(changesSince(plain, 'HEAD'), { code: 'USAGE' });
  });
});
