import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parsePnpmKey, parsePnpmLock } from './parse.ts';

const parse = (text: string) => parsePnpmLock(createSourceDocument('pnpm-lock.yaml', text));

describe('pnpm-lock.yaml golden artifacts', () => {
  for (const name of ['pnpm-lock.v5.yaml', 'pnpm-lock.v6.yaml', 'pnpm-lock.v9.yaml']) {
    it(name, () => assertGolden(parsePnpmLock, new URL(`__fixtures__/${name}`, import.meta.url), 'pnpm-lock.yaml'));
  }
});

describe('parsePnpmKey', () => {
  const table = [
    ['/left-pad/1.3.0', { name: 'left-pad', version: '1.3.0' }],
    ['/@scope/pkg/1.0.0_react@18.3.1', { name: '@scope/pkg', version: '1.0.0' }],
    ['/left-pad@1.3.0', { name: 'left-pad', version: '1.3.0' }],
    ['/@scope/pkg@1.0.0(react@18.3.1)(react-dom@18.3.1)', { name: '@scope/pkg', version: '1.0.0' }],
    ['@scope/pkg@1.0.0', { name: '@scope/pkg', version: '1.0.0' }],
    ['left-pad@1.3.0', { name: 'left-pad', version: '1.3.0' }],
    ['invalidpath', undefined],
  ] as const;
  for (const [key, expected] of table) it(key, () => assert.deepEqual(parsePnpmKey(key), expected));
});

describe('pnpm-lock.yaml quirks', () => {
  it('reports invalid YAML with its position', () => {
    const result = parse('lockfileVersion: 5.4\npackages:\n  /a/1.0.0: [unclosed\n');
    assert.equal(result.artifact, undefined);
    assert.deepEqual([result.errors[0]?.startLine, result.errors[0]?.message.startsWith('Invalid YAML: ')], [4, true]);
  });

  it('reports a merge conflict with its position', () => {
    const result = parse("lockfileVersion: '9.0'\n<<<<<<< HEAD\npackages: {}\n=======\n>>>>>>> b\n");
    assert.deepEqual([result.errors[0]?.startLine, result.errors[0]?.message], [2, 'Unresolved merge conflict marker in the file.']);
  });

  it('drops bad entries one at a time, with positions', () => {
    const result = parse("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  nonsense: {}\n  b@2.0.0: 5\n");
    assert.deepEqual(packageKeys(result), ['a@1.0.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn]), [
      [4, 3],
      [5, 3],
    ]);
  });

  it('survives an alias bomb without expanding it', () => {
    const bomb = "lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    const result = parse(bomb);
    assert.equal(result.artifact, undefined);
    assert.match(result.errors[0]?.message ?? '', /^Invalid YAML: .*alias/i);
  });
});
