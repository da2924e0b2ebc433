import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { apkAnalyzer } from './index.ts';
import { parseApkInstalled } from './parse.ts';

describe('apk golden artifact', () => {
  it('installed', () => assertGolden(parseApkInstalled, new URL('__fixtures__/installed', import.meta.url), 'lib/apk/db/installed'));
});

describe('apk quirks', () => {
  it('an empty database yields an empty inventory; garbage yields per-record errors', () => {
    const parse = (text: string) => parseApkInstalled(createSourceDocument('lib/apk/db/installed', text));
    assert.deepEqual(packageKeys(parse('')), []);
    assert.deepEqual(parse('garbage\n\nmore garbage\n').errors.map((error) => error.startLine), [1, 3]);
  });

  it('matches the database by path only', () => {
    assert.deepEqual(['lib/apk/db/installed', 'x/lib/apk/db/installed', 'installed'].map((path) => apkAnalyzer.matches({ path, size: 1 }, () => '')), [true, false, false]);
  });
});
