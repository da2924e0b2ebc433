import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden } from '../__fixtures__/golden.ts';
import { composerLockAnalyzer } from './index.ts';
import { parseComposerLock } from './parse.ts';

describe('composer.lock golden artifact', () => {
  it('composer.lock.json', () => assertGolden(parseComposerLock, new URL('__fixtures__/composer.lock.json', import.meta.url), 'composer.lock'));
});

describe('composer.lock quirks', () => {
  it('a JSON null document yields no inventory and no crash', () => {
    assert.equal(parseComposerLock(createSourceDocument('composer.lock', 'null')).artifact, undefined);
  });

  it('matches composer.lock outside vendor/', () => {
    assert.deepEqual(['composer.lock', 'vendor/x/composer.lock'].map((path) => composerLockAnalyzer.matches({ path, size: 1 }, () => '')), [true, false]);
  });
});
