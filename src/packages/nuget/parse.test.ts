import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden } from '../__fixtures__/golden.ts';
import { parseNugetLock } from './parse.ts';

describe('packages.lock.json golden artifact', () => {
  it('packages.lock.json', () => assertGolden(parseNugetLock, new URL('__fixtures__/packages.lock.json', import.meta.url), 'packages.lock.json'));
});

describe('packages.lock.json quirks', () => {
  it('an unsupported lock version is one error at the version', () => {
    const result = parseNugetLock(createSourceDocument('packages.lock.json', '{\n  "version": 0,\n  "dependencies": {}\n}'));
    assert.equal(result.artifact, undefined);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn, error.message]), [[2, 14, 'packages.lock.json version 0 is not supported (1 or 2).']]);
  });
});
