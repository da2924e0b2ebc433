// End-to-end: secret detection through the real CLI (tree, git history, gitleaks migration).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixture, palisade, parseReport } from './cli-helpers.ts';

describe('palisade scan (secrets)', () => {
  const gitMissing = spawnSync('git', ['--version']).status === 0 ? false : 'needs git (Debian package git)';

  it('finds a secret deleted from the tree in git history, naming the commit that added it', { skip: gitMissing }, async () => {
    const dir = await fixture({ 'config.js': 'const key = "AKIAZ7Q3N5KX2WJ4TB6P";\n' });
    const git = (...args: string[]): string => spawnSync('git', ['-C', dir, '-c', 'user.email=dev@example.com', '-c', 'user.name=Dev', ...args], { encoding: 'utf8' }).stdout.trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'add config');
    const added = git('rev-parse', 'HEAD');
    await writeFile(join(dir, 'config.js'), 'const key = process.env.KEY;\n');
    git('commit', '-qam', 'remove key');
    const tree = parseReport((await palisade(['scan', dir, '--format', 'json', '--scanners', 'secret'])).stdout);
    assert.deepEqual(tree.findings, []);
    const history = parseReport((await palisade(['scan', dir, '--history', '--format', 'json', '--scanners', 'secret'])).stdout);
    assert.deepEqual(history.findings.map((finding) => [finding.slug, finding.location.path, finding.location.startLine]), [['no-aws-access-key-id', `commit:${added}:config.js`, 1]]);
  });

  it('honours gitleaks:allow comments and .gitleaksignore fingerprints', async () => {
    const dir = await fixture({
      'a.js': 'const a = "AKIAZ7Q3N5KX2WJ4TB6P"; // gitleaks:allow\nconst b = "AKIAQ4R7T2MZX3KP5WZB";\nconst c = "AKIAJ6V2NXQ4R5T7Y3UC";\n',
      '.gitleaksignore': 'a.js:aws-access-token:2\n',
    });
    const report = parseReport((await palisade(['scan', dir, '--format', 'json', '--scanners', 'secret', '--fail-on', 'none'])).stdout);
    assert.deepEqual(
      report.findings.map((finding) => [finding.location.startLine, finding.suppression?.reason]),
      [
        [1, 'gitleaks:allow comment'],
        [2, 'listed in .gitleaksignore'],
        [3, undefined],
      ],
    );
  });

  it('shows secrets only with --show-secrets, and refuses it in CI', async () => {
    const dir = await fixture({ 'a.js': 'const a = "AKIAZ7Q3N5KX2WJ4TB6P";\n' });
    const args = ['scan', dir, '--format', 'json', '--scanners', 'secret', '--fail-on', 'none'];
    const redacted = (await palisade(args)).stdout;
    assert.equal(redacted.includes('AKIAZ7Q3N5KX2WJ4TB6P'), false);
    const shown = JSON.parse((await palisade([...args, '--show-secrets'])).stdout) as { findings: { evidence: string; message: string }[] };
    assert.deepEqual(shown.findings.map((finding) => [finding.evidence, finding.message.includes('AKIAZ7Q3N5KX2WJ4TB6P')]), [['AKIAZ7Q3N5KX2WJ4TB6P', true]]);
    const refused = await palisade([...args, '--show-secrets'], { env: { CI: 'true' } });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--show-secrets is for local use only/);
    assert.equal(refused.stdout, '');
  });
});
