import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parseCargoLock } from './parse.ts';

describe('Cargo.lock golden artifacts', () => {
  for (const name of ['cargo-v3.lock', 'cargo-v4.lock']) {
    it(name, () => assertGolden(parseCargoLock, new URL(`__fixtures__/${name}`, import.meta.url), 'Cargo.lock'));
  }
});

describe('Cargo.lock quirks', () => {
  const parse = (text: string) => parseCargoLock(createSourceDocument('Cargo.lock', text));

  it('reads the v1 [metadata] form and tolerates a bad line', () => {
    const result = parse('[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n= oops\n\n[metadata]\n"checksum a 1.0.0 (registry+…)" = "abc"\n');
    assert.deepEqual(packageKeys(result), ['a@1.0.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn]), [[5, 1]]);
  });

  it('a merge conflict is one error', () => {
    assert.deepEqual(parse('version = 3\n=======\n').errors.map((error) => [error.startLine, error.message]), [[2, 'Unresolved merge conflict marker in the file.']]);
  });
});
