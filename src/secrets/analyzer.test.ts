import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { createKeywordPrefilter, createTextAnalyzer, isScannableText, trieSource } from './analyzer.ts';

const file = (path: string, size = 100): { path: string; size: number } => ({ path, size });

describe('keyword prefilter', () => {
  const prefilter = createKeywordPrefilter(['xoxb-', 'xox', 'ghp_', 'AKIA', 'a.b']);

  it('lower-cases and de-duplicates keywords, longest first', () => {
    assert.deepEqual(prefilter.keywords, ['xoxb-', 'akia', 'ghp_', 'a.b', 'xox']);
  });

  it('finds keywords case-insensitively in one pass, with the keywords they contain', () => {
    assert.deepEqual([...prefilter.scan('token = XOXB-123 and Ghp_abc')].sort(), ['ghp_', 'xox', 'xoxb-']);
  });

  it('escapes regex syntax in keywords', () => {
    assert.deepEqual([...prefilter.scan('aXb')], []);
    assert.deepEqual([...prefilter.scan('a.b')], ['a.b']);
  });

  it('builds a trie regex that matches exactly the words, longest first', () => {
    assert.equal(trieSource(['a', 'ab', 'abc', 'b.d']), '(?:a(?:bc?)?|b\\.d)');
    const words = ['gl', 'glpat-', 'glrt-', 'xox', 'xoxb-', 'x', '://', 'a.b'];
    const trie = new RegExp(trieSource(words), 'g');
    const flat = new RegExp([...words].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'g');
    const text = 'glpat-x glrt- gl xoxb- xox x :// a.b axb glp';
    assert.deepEqual([...text.matchAll(trie)].map((match) => [match.index, match[0]]), [...text.matchAll(flat)].map((match) => [match.index, match[0]]));
  });

  it('handles empty text, no keywords and huge input', () => {
    assert.equal(prefilter.scan('').size, 0);
    assert.equal(createKeywordPrefilter([]).scan('anything').size, 0);
    assert.equal(prefilter.scan(`${'q'.repeat(5_000_000)}akia`).has('akia'), true);
  });
});

describe('text analyzer file selection', () => {
  const text = (): string => 'KEY=value\n';
  const cases: readonly [string, string, boolean][] = [
    ['.env', 'KEY=value\n', true],
    ['src/app.ts', 'const a = 1;\n', true],
    ['image.png', 'PNG', false],
    ['data.bin', 'abc', false],
    ['blob.txt', 'abc\u0000def', false],
    ['package-lock.json', '{}', false],
    ['web/yarn.lock', '# yarn', false],
    ['dist/app.min.js', 'var a=1;', false],
    ['dist/app.js.map', '{}', false],
    ['dist/bundle.js', 'x'.repeat(4096), false],
    ['dist/long.txt', 'x'.repeat(4096), true],
  ];
  for (const [path, head, expected] of cases) {
    it(`${expected ? 'reads' : 'skips'} ${path}`, () => assert.equal(isScannableText(file(path), () => head), expected));
  }

  it('reads lockfiles and bundles when asked', () => {
    assert.equal(isScannableText(file('package-lock.json'), text, { scanLockfiles: true }), true);
    assert.equal(isScannableText(file('a.min.js'), text, { scanMinified: true }), true);
  });

  it('produces one text artifact holding the keywords present', () => {
    const analyzer = createTextAnalyzer({ keywords: ['ghp_', 'akia'] });
    const output = analyzer.analyze(createSourceDocument('a.env', 'X=ghp_1\nY=2'));
    assert.deepEqual(output.errors, []);
    assert.equal(output.artifacts.length, 1);
    assert.deepEqual([...(output.artifacts[0]?.keywords ?? [])], ['ghp_']);
    assert.deepEqual(output.artifacts[0]?.locate({ range: { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } } }), { path: 'a.env', startLine: 1, startColumn: 3, endLine: 1, endColumn: 5 });
  });

  it('copes with invalid UTF-8 (replacement characters) and very long lines', () => {
    const analyzer = createTextAnalyzer({ keywords: ['ghp_'] });
    const output = analyzer.analyze(createSourceDocument('a.txt', `\ufffd\ufffd${'a'.repeat(1_000_000)}ghp_`));
    assert.equal(output.artifacts[0]?.keywords.has('ghp_'), true);
  });
});
