import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { deepIndentation, deepIndentationLine } from './yaml-guard.ts';

/** The first implementation (a character loop over the whole text): the reference the faster one must agree with. */
function referenceDeepIndentation(text: string, limit: number): number | undefined {
  let lineStart = 0;
  let depth = 0;
  let counting = true;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      lineStart = index + 1;
      depth = 0;
      counting = true;
      continue;
    }
    if (!counting) continue;
    if (code === 32 || code === 9) depth += 1;
    else if (code !== 45) counting = false;
    if (depth > limit) return lineStart;
  }
  return undefined;
}

const CASES: readonly { readonly name: string; readonly text: string; readonly limit: number; readonly offset: number | undefined; readonly line: number | undefined }[] = [
  { name: 'empty text', text: '', limit: 2, offset: undefined, line: undefined },
  { name: 'within the limit', text: 'a:\n  b: 1\n', limit: 2, offset: undefined, line: undefined },
  { name: 'spaces after the first character do not count', text: 'a:      x\n', limit: 2, offset: undefined, line: undefined },
  { name: 'too deep on line 2', text: 'a:\n   b: 1\n', limit: 2, offset: 3, line: 2 },
  { name: 'tabs count', text: 'a\n\t\t\tb', limit: 2, offset: 2, line: 2 },
  { name: 'dashes do not count, their spaces do', text: '- - - x\n', limit: 2, offset: 0, line: 1 },
  { name: 'dashes alone', text: '------\n', limit: 2, offset: undefined, line: undefined },
  { name: 'a blank line of spaces without a newline at the end', text: 'a\n    ', limit: 3, offset: 2, line: 2 },
  { name: 'only the first deep line is named', text: 'x\n    a\n     b\n', limit: 3, offset: 2, line: 2 },
  { name: 'carriage returns end the indentation', text: '  \r   \n', limit: 2, offset: undefined, line: undefined },
];

test('deepIndentation: first line indented deeper than the limit', async (t) => {
  for (const { name, text, limit, offset, line } of CASES) {
    await t.test(name, () => {
      assert.equal(deepIndentation(text, limit), offset);
      assert.equal(deepIndentationLine(text, limit), line);
      assert.equal(referenceDeepIndentation(text, limit), offset);
    });
  }
});

test('deepIndentation: a huge file of deep lines ends at the first one', () => {
  const text = `a: 1\n${' '.repeat(1_000_000)}b\n`.repeat(20);
  assert.equal(deepIndentation(text, 512), 5);
});

test('deepIndentation agrees with the character loop on generated text', () => {
  const alphabet = fc.constantFrom(' ', ' ', ' ', '\t', '-', '\n', '\n', 'a', ':', '\r', '#');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 200 }), fc.integer({ min: 0, max: 8 }), (characters, limit) => {
      const text = characters.join('');
      assert.equal(deepIndentation(text, limit), referenceDeepIndentation(text, limit));
    }),
    { numRuns: 2000 },
  );
});
