import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePointer, describeType, issuesError, suggestKey } from './schema-issues.ts';

describe('describePointer', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['', ''],
    ['/failOn', 'failOn'],
    ['/scanners/1', 'scanners[1]'],
    ['/exceptions/0/object/name', 'exceptions[0].object.name'],
    ['/exceptions/12/paths/3', 'exceptions[12].paths[3]'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ];
  for (const [pointer, expected] of cases) {
    it(`${JSON.stringify(pointer)} → ${JSON.stringify(expected)}`, () => assert.equal(describePointer(pointer), expected));
  }
});

describe('describeType', () => {
  const cases: readonly (readonly [unknown, string])[] = [
    [null, 'nothing'],
    [undefined, 'nothing'],
    [[], 'a list'],
    [{}, 'a mapping'],
    [new Date(0), 'a date'],
    ['x', 'a string'],
    [3, 'an integer'],
    [3.5, 'a number'],
    [false, 'true or false'],
  ];
  for (const [value, expected] of cases) {
    it(`${String(value)} → ${expected}`, () => assert.equal(describeType(value), expected));
  }
});

describe('suggestKey', () => {
  const known = ['scanners', 'failOn', 'format', 'rules', 'skipRules', 'ignorePaths', 'maxFileSize'];
  const cases: readonly (readonly [string, string | undefined])[] = [
    ['failon', 'failOn'],
    ['FAIL_ON', 'failOn'],
    ['fail-on', 'failOn'],
    ['skip_rules', 'skipRules'],
    ['scaners', 'scanners'],
    ['rule', 'rules'],
    ['formats', 'format'],
    ['ignore', undefined],
    ['output', undefined],
    ['', undefined],
  ];
  for (const [unknown, expected] of cases) {
    it(`${JSON.stringify(unknown)} → ${String(expected)}`, () => assert.equal(suggestKey(unknown, known), expected));
  }
});

describe('issuesError', () => {
  it('sorts issues by position, one line each, the first in `position`', () => {
    const error = issuesError('CONFIG_INVALID', 'a.yaml', [
      { line: 3, column: 1, message: 'third' },
      { line: 1, column: 9, message: 'second' },
      { line: 1, column: 2, message: 'first' },
    ]);
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.equal(error.message, 'a.yaml:1:2: first\na.yaml:1:9: second\na.yaml:3:1: third');
    assert.deepEqual(error.position, { path: 'a.yaml', line: 1, column: 2 });
  });

  it('keeps messages on one line and clips them at 320 characters', () => {
    const error = issuesError('EXCEPTIONS_INVALID', 'e.yaml', [{ line: 1, column: 1, message: `multi\n  line ${'x'.repeat(400)}` }]);
    assert.equal(error.message, `e.yaml:1:1: multi line ${'x'.repeat(308)}…`);
  });

  it('names only the file when there is no issue', () => {
    assert.deepEqual(issuesError('CONFIG_INVALID', 'a.yaml', []).position, { path: 'a.yaml' });
  });
});
