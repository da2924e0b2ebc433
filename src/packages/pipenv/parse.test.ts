import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden } from '../__fixtures__/golden.ts';
import { pipfileLockAnalyzer } from './index.ts';
import { parsePipfileLock } from './parse.ts';

describe('Pipfile.lock golden artifact', () => {
  it('pipfile.lock.json', () => assertGolden(parsePipfileLock, new URL('__fixtures__/pipfile.lock.json', import.meta.url), 'Pipfile.lock'));
});

describe('Pipfile.lock quirks', () => {
  it('a non-JSON file is one error with its position', () => {
    const result = parsePipfileLock(createSourceDocument('Pipfile.lock', '{\n  "default": {\n    "a": \n'));
    assert.equal(result.artifact, undefined);
    assert.match(result.errors[0]?.message ?? '', /^Invalid JSON/);
  });

  it('matches Pipfile.lock only', () => {
    assert.deepEqual(['Pipfile.lock', 'Pipfile', 'x/Pipfile.lock'].map((path) => pipfileLockAnalyzer.matches({ path, size: 1 }, () => '')), [true, false, true]);
  });
});
