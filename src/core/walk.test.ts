import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WalkEntry } from './walk.ts';
import { walk } from './walk.ts';

function collect(target: string, ignorePatterns: readonly string[] = []): WalkEntry[] {
  return [...walk(target, { ignorePatterns })];
}

function paths(entries: readonly WalkEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'file' ? [entry.file.path] : []));
}

describe('walk', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'palisade-walk-'));
    const files: Record<string, string> = {
      '.gitignore': 'build/\n*.log\n',
      'Dockerfile': 'FROM alpine:3.20\n',
      'app.log': 'x',
      'build/out.yaml': 'x',
      'deploy/.gitignore': 'local-*.yaml\n!local-keep.yaml\n',
      'deploy/web.yaml': 'kind: Pod',
      'deploy/local-dev.yaml': 'x',
      'deploy/local-keep.yaml': 'x',
      '.git/config': 'x',
      'vendor/lib/a.yaml': 'x',
      'b/z.txt': 'z',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    }
    await symlink(join(root, 'deploy'), join(root, 'linked-dir'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('walks in sorted order, honours nested .gitignore files, skips .git and symbolic links', async () => {
    assert.deepEqual(paths(collect(root)), ['.gitignore', 'Dockerfile', 'b/z.txt', 'deploy/.gitignore', 'deploy/local-keep.yaml', 'deploy/web.yaml', 'vendor/lib/a.yaml']);
  });

  it('applies extra ignore patterns from the configuration', async () => {
    assert.deepEqual(paths(collect(root, ['vendor/', '.gitignore', 'b'])), ['Dockerfile', 'deploy/local-keep.yaml', 'deploy/web.yaml']);
  });

  it('gives sizes', async () => {
    const entry = (collect(root)).find((candidate) => candidate.kind === 'file' && candidate.file.path === 'Dockerfile');
    assert.equal(entry?.kind === 'file' ? entry.file.size : -1, 17);
  });

  it('takes a single file as the target, relative to its directory', async () => {
    assert.deepEqual(paths(collect(join(root, 'deploy', 'web.yaml'))), ['web.yaml']);
  });

  it('reports an unreadable directory and goes on', { skip: process.getuid?.() === 0 ? 'root can read any directory' : false }, async () => {
    await mkdir(join(root, 'locked'), { recursive: true });
    await chmod(join(root, 'locked'), 0o000);
    const entries = collect(root);
    await chmod(join(root, 'locked'), 0o755);
    assert.ok(entries.some((entry) => entry.kind === 'error' && entry.error.path === 'locked'));
    assert.ok(paths(entries).includes('Dockerfile'));
  });

  it('rejects a missing target', () => {
    assert.throws(() => collect(join(root, 'nope')), { code: 'ENOENT' });
  });
});
