import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { packageAnalyzers } from './index.ts';

const FOLDER = new URL('.', import.meta.url);
const NOT_ECOSYSTEMS = new Set(['__fixtures__', 'shared']);

describe('packageAnalyzers', () => {
  it('is sorted by id, frozen, with unique ids, all producing package-inventory', () => {
    const ids = packageAnalyzers.map((analyzer) => analyzer.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(Object.isFrozen(packageAnalyzers));
    for (const analyzer of packageAnalyzers) assert.equal(analyzer.produces, 'package-inventory');
    for (const id of ids) assert.match(id, /^packages\/[a-z-]+$/);
  });

  it('every ecosystem folder has index.ts, parse.ts, a test, fixtures or tables, and a README', () => {
    const folders = readdirSync(FOLDER).filter((name) => statSync(new URL(name, FOLDER)).isDirectory() && !NOT_ECOSYSTEMS.has(name));
    for (const folder of folders) {
      const files = readdirSync(new URL(`${folder}/`, FOLDER));
      for (const required of ['index.ts', 'parse.ts', 'parse.test.ts', 'README.md']) assert.ok(files.includes(required), `${folder}/${required} is missing`);
    }
  });

  it('one analyzer per file name: each common file matches exactly one analyzer', () => {
    const paths = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'requirements.txt', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'go.mod', 'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock', 'pom.xml', 'gradle.lockfile', 'packages.lock.json', 'var/lib/dpkg/status', 'lib/apk/db/installed'];
    for (const path of paths) assert.equal(packageAnalyzers.filter((analyzer) => analyzer.matches({ path, size: 1 }, () => '<project>')).length, 1, path);
    for (const path of ['package.json', 'README.md', 'src/index.ts', 'Dockerfile']) assert.equal(packageAnalyzers.filter((analyzer) => analyzer.matches({ path, size: 1 }, () => '')).length, 0, path);
  });
});

describe('hostile input', () => {
  const garbage = [
    '',
    '\u0000\u0001\u0002',
    '{'.repeat(100_000),
    '['.repeat(100_000),
    '<'.repeat(100_000),
    '"'.repeat(100_001),
    '\n'.repeat(100_000),
    'a: &a [*a]\n',
    '<<<<<<< HEAD\n=======\n>>>>>>> x\n',
    '\ufeff',
    'é😀\r\n\t'.repeat(10_000),
  ];
  it('no analyzer throws on garbage, and each error names the file', () => {
    for (const analyzer of packageAnalyzers) {
      for (const text of garbage) {
        const output = analyzer.analyze(createSourceDocument('some/file', text));
        for (const error of output.errors) assert.equal(error.path, 'some/file');
      }
    }
  });
});
