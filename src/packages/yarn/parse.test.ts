import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { nameOfSpec, parseYarnLock } from './parse.ts';

const parse = (text: string) => parseYarnLock(createSourceDocument('yarn.lock', text));

describe('yarn.lock golden artifacts', () => {
  for (const name of ['yarn-v1.lock', 'yarn-berry.lock']) {
    it(name, () => assertGolden(parseYarnLock, new URL(`__fixtures__/${name}`, import.meta.url), 'yarn.lock'));
  }
});

describe('yarn.lock quirks', () => {
  const names = [
    ['left-pad@^1.0.0', 'left-pad'],
    ['@scope/pkg@npm:1.0.0', '@scope/pkg'],
    ['@scope/pkg', '@scope/pkg'],
  ] as const;
  for (const [spec, name] of names) it(`nameOfSpec(${spec})`, () => assert.equal(nameOfSpec(spec), name));

  it('resolves v1 aliases to the real package', () => {
    assert.deepEqual(packageKeys(parse('alias@npm:real-name@^1.0.0:\n  version "1.0.1"\n')), ['real-name@1.0.1']);
  });

  it('reports a merge conflict with its position', () => {
    const result = parse('a@^1:\n  version "1.0.0"\n<<<<<<< HEAD\nb@^1:\n  version "1.0.0"\n=======\n>>>>>>> other\n');
    assert.equal(result.artifact, undefined);
    assert.deepEqual([result.errors[0]?.startLine, result.errors[0]?.startColumn], [3, 1]);
  });

  it('drops an entry without a version, with its position, and keeps the rest', () => {
    const result = parse('a@^1:\n  resolved "x"\n\nb@^2:\n  version "2.0.0"\n');
    assert.deepEqual(packageKeys(result), ['b@2.0.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn, error.message]), [[1, 1, 'Yarn entry "a@^1" has no version; skipped.']]);
  });

  it('tolerates garbage: an empty file, stray indentation, very long lines', () => {
    assert.deepEqual(packageKeys(parse('')), []);
    assert.deepEqual(packageKeys(parse('   version "1"\n\t\n')), []);
    assert.equal(parse(`${'x'.repeat(1_000_000)}:\n  version "1.0.0"\n`).artifact?.packages.length, 1);
  });
});
