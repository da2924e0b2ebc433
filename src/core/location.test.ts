import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, locationFromRange, parseJsonPointer, toJsonPointer } from './location.ts';

describe('LineIndex', () => {
  const index = new LineIndex('ab\ncd\r\n\nxyz');
  const cases = [
    { offset: 0, line: 1, column: 1 },
    { offset: 2, line: 1, column: 3 },
    { offset: 3, line: 2, column: 1 },
    { offset: 5, line: 2, column: 3 },
    { offset: 7, line: 3, column: 1 },
    { offset: 8, line: 4, column: 1 },
    { offset: 11, line: 4, column: 4 },
    { offset: 99, line: 4, column: 4 },
    { offset: -5, line: 1, column: 1 },
  ] as const;
  for (const { offset, line, column } of cases) {
    it(`maps offset ${offset} to ${line}:${column}`, () => assert.deepEqual(index.positionAt(offset), { line, column }));
  }
  it('counts lines and line starts', () => {
    assert.equal(index.lineCount, 4);
    assert.equal(index.lineStart(2), 3);
    assert.equal(index.lineStart(9), 11);
  });
  it('handles an empty text', () => assert.deepEqual(new LineIndex('').positionAt(0), { line: 1, column: 1 }));
  it('handles a million lines', () => {
    const big = new LineIndex('x\n'.repeat(1_000_000));
    assert.deepEqual(big.positionAt(1_999_998), { line: 1_000_000, column: 1 });
  });
});

describe('JSON pointers', () => {
  const cases = [
    { pointer: '', segments: [] },
    { pointer: '/spec/containers/0/image', segments: ['spec', 'containers', '0', 'image'] },
    { pointer: '/metadata/annotations/a~1b~0c', segments: ['metadata', 'annotations', 'a/b~c'] },
    { pointer: '/', segments: [''] },
  ] as const;
  for (const { pointer, segments } of cases) {
    it(`round-trips ${JSON.stringify(pointer)}`, () => {
      assert.deepEqual(parseJsonPointer(pointer), segments);
      assert.equal(toJsonPointer(segments), pointer);
    });
  }
});

describe('locationFromRange', () => {
  it('flattens a range', () => {
    assert.deepEqual(locationFromRange('Dockerfile', { start: { line: 2, column: 6 }, end: { line: 2, column: 12 } }), {
      path: 'Dockerfile',
      startLine: 2,
      startColumn: 6,
      endLine: 2,
      endColumn: 12,
    });
  });
  it('keeps only the path without a range', () => assert.deepEqual(locationFromRange('x', undefined), { path: 'x' }));
});
