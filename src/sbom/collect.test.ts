import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { collectInventories } from './collect.ts';
import { FIXTURES, collectFixture } from './__fixtures__/load.ts';

const temporary: string[] = [];
after(async () => {
  for (const directory of temporary) await rm(directory, { recursive: true, force: true });
});

async function project(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-sbom-collect-'));
  temporary.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

const summary = async (target: string): Promise<string[]> => (await collectInventories(target)).inventories.map((inventory) => `${inventory.source.path} ${inventory.ecosystem} ${inventory.format} ${inventory.packages.length}`);

describe('collectInventories', () => {
  it('runs the package analyzers on the files they match', async () => {
    assert.deepEqual(await summary(join(FIXTURES, 'npm-app')), ['package-lock.json npm package-lock@3 9']);
    assert.deepEqual(await summary(join(FIXTURES, 'poetry-app')), ['poetry.lock PyPI poetry-lock@2.0 4']);
    assert.deepEqual(await summary(join(FIXTURES, 'go-app')), ['go.mod Go go.mod 4']);
  });

  it('names the subject after the folder, and says whether the target was a file', async () => {
    const folder = await collectFixture('npm-app');
    assert.deepEqual([folder.name, folder.kind], ['npm-app', 'directory']);
    const file = await collectInventories(join(FIXTURES, 'npm-app', 'package-lock.json'));
    assert.deepEqual([file.name, file.kind, file.inventories.length], ['npm-app', 'file', 1]);
  });

  it('qualifies OS packages with the tree’s os-release', async () => {
    const collected = await collectFixture('rootfs');
    assert.deepEqual(collected.distribution, { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    assert.deepEqual(collected.inventories.map((inventory) => [inventory.ecosystem, inventory.packages[0]?.purl]), [['Debian', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12']]);
  });

  it('reports a broken lockfile with its position and reads the others', async () => {
    const root = await project({ 'a/package-lock.json': '{ "lockfileVersion": 3, "packages": {', 'b/go.mod': 'module x\n\nrequire github.com/pkg/errors v0.9.1\n' });
    const collected = await collectInventories(root);
    assert.deepEqual(collected.inventories.map((inventory) => inventory.source.path), ['b/go.mod']);
    assert.deepEqual(
      collected.errors.map((error) => [error.path, error.code, error.startLine]),
      [['a/package-lock.json', 'PARSE_FAILED', 1]],
    );
  });

  it('reports files over the size limit instead of reading them, and honours .gitignore and extra patterns', async () => {
    const lock = '{ "lockfileVersion": 3, "packages": { "node_modules/ms": { "version": "2.1.3" } } }';
    const root = await project({ '.gitignore': 'ignored/\n', 'ignored/package-lock.json': lock, 'skip/package-lock.json': lock, 'big/package-lock.json': lock, 'ok/package-lock.json': lock });
    const collected = await collectInventories(root, { ignorePatterns: ['skip/'], maxFileSize: 1000 });
    assert.deepEqual(collected.inventories.map((inventory) => inventory.source.path), ['big/package-lock.json', 'ok/package-lock.json']);
    const small = await collectInventories(root, { ignorePatterns: ['skip/'], maxFileSize: 10 });
    assert.deepEqual(small.errors.map((error) => [error.path, error.code]), [['big/package-lock.json', 'FILE_TOO_LARGE'], ['ok/package-lock.json', 'FILE_TOO_LARGE']]);
  });

  it('refuses a missing target with TARGET_NOT_FOUND', async () => {
    await assert.rejects(collectInventories(join(FIXTURES, 'no-such-folder')), { code: 'TARGET_NOT_FOUND', message: /^Cannot read the target ".*no-such-folder": ENOENT/ });
  });
});
