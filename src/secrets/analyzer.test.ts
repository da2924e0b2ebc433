import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { createKeywordPrefilter, createTextAnalyzer, isScannableHeadBytes, isScannableText, isTextAnalyzer } from './analyzer.ts';

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

  it('finds overlapping occurrences (a keyword inside or across another one)', () => {
    const overlapping = createKeywordPrefilter(['oauth', 'auth_key', 'gl', 'glpat-', 'x', '://']);
    assert.deepEqual([...overlapping.scan('OAUTH_KEY glpat- ://')].sort(), ['://', 'auth_key', 'gl', 'glpat-', 'oauth']);
    assert.deepEqual([...overlapping.scan('glpa gl')].sort(), ['gl']);
  });

  it('finds the same keywords in bytes as in their decoded text', () => {
    const texts = ['token = XOXB-123 and Ghp_abc', 'caf\u00e9 ghp_ \u00e9a.b', '\ufeffAKIA', 'nothing here', ''];
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual([...prefilter.scanBytes(bytes, bytes.length)].sort(), [...prefilter.scan(text)].sort(), text);
    }
  });

  it('lower-cases the Kelvin sign and the dotted capital I as toLowerCase does, in text and bytes', () => {
    const special = createKeywordPrefilter(['akia', 'api']);
    for (const text of ['\u212aey AKIA', 'AP\u0130', 'a\u212aia']) {
      const bytes = Buffer.from(text, 'utf8');
      const expected = [...special.scan(text.toLowerCase())].sort();
      assert.deepEqual([...special.scan(text)].sort(), expected, text);
      assert.deepEqual([...special.scanBytes(bytes, bytes.length)].sort(), expected, text);
    }
    assert.deepEqual([...special.scan('a\u212aia')], ['akia']);
  });

  it('reads only the given length of a byte buffer', () => {
    const bytes = Buffer.from('ghp_ akia');
    assert.deepEqual([...prefilter.scanBytes(bytes, 4)], ['ghp_']);
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

  for (const [path, head, expected] of cases) {
    it(`gives the same verdict on the bytes of ${path}`, () => {
      const bytes = Buffer.from(`${head}\n${'tail'.repeat(2000)}`.slice(0, head.length + 5), 'utf8');
      assert.equal(isScannableHeadBytes(file(path), bytes, bytes.length) && isScannableText(file(path), () => 'x'), expected);
    });
  }

  it('counts a one-line bundle head in characters, as readHead decodes it', () => {
    const wide = Buffer.from('\u00e9'.repeat(2048), 'utf8');
    assert.equal(wide.length, 4096);
    assert.equal(isScannableHeadBytes(file('a.js'), wide, wide.length), true);
    const ascii = Buffer.from('x'.repeat(5000));
    assert.equal(isScannableHeadBytes(file('a.js'), ascii, ascii.length), false);
    assert.equal(isScannableHeadBytes(file('a.js'), ascii, 4095), true);
    assert.equal(isScannableHeadBytes(file('a.txt'), ascii, ascii.length), true);
    assert.equal(isScannableHeadBytes(file('a.js'), ascii, ascii.length, { scanMinified: true }), true);
  });

  it('finds a NUL only in the first 4 KiB, as the sniff does', () => {
    const late = Buffer.concat([Buffer.from('a\n'.repeat(3000)), Buffer.from([0])]);
    assert.equal(isScannableHeadBytes(file('a.txt'), late, late.length), true);
    const early = Buffer.from('ab\u0000c');
    assert.equal(isScannableHeadBytes(file('a.txt'), early, early.length), false);
  });

  it('reads lockfiles and bundles when asked', () => {
    assert.equal(isScannableText(file('package-lock.json'), text, { scanLockfiles: true }), true);
    assert.equal(isScannableText(file('a.min.js'), text, { scanMinified: true }), true);
  });

  it('produces one text artifact holding the keywords present', () => {
    const analyzer = createTextAnalyzer({ keywords: ['ghp_', 'akia'] });
    assert.equal(isTextAnalyzer(analyzer), true);
    assert.equal(analyzer.matchesName(file('a.png')), false);
    assert.equal(analyzer.matchesName(file('a.env')), true);
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
