import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeywordAutomaton } from './keyword-automaton.ts';

/** The definition the automaton implements: every keyword that occurs in the lower-cased text. */
function naive(keywords: readonly string[], text: string): string[] {
  const lower = text.toLowerCase();
  return [...new Set(keywords.map((keyword) => keyword.toLowerCase()))].filter((keyword) => keyword !== '' && lower.includes(keyword)).sort();
}

const sorted = (found: ReadonlySet<string>): string[] => [...found].sort();

describe('keyword automaton', () => {
  const keywords = ['xoxb-', 'xox', 'ghp_', 'AKIA', 'a.b', '://', 'oauth', 'auth_key', 'hers', 'his', 'he', 'she', 'https://'];
  const automaton = createKeywordAutomaton(keywords);
  const texts: readonly string[] = [
    '',
    'nothing to see',
    'token = XOXB-123 and Ghp_abc',
    'ushers',
    'OAUTH_KEY',
    'HTTPS://host and http://other',
    'a.b aXb a..b',
    'caf\u00e9 \u00e9ghp_\u00e9 \ufffd\ufffdakia',
    'xoxoxb-',
    'hishe',
  ];

  it('lower-cases and de-duplicates keywords, longest first', () => {
    assert.deepEqual(createKeywordAutomaton(['xoxb-', 'xox', 'ghp_', 'AKIA', 'a.b', 'akia', '']).keywords, ['xoxb-', 'akia', 'ghp_', 'a.b', 'xox']);
  });

  for (const text of texts) {
    it(`finds in ${JSON.stringify(text)} exactly the keywords a substring search finds`, () => {
      assert.deepEqual(sorted(automaton.scanText(text)), naive(keywords, text));
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(sorted(automaton.scanBytes(bytes, bytes.length)), naive(keywords, text));
    });
  }

  it('agrees with a substring search on generated text over the keywords’ own characters', () => {
    const alphabet = 'xobkiaghp_:/.-AKOHSEersuthy ';
    let seed = 7;
    for (let round = 0; round < 300; round += 1) {
      let text = '';
      for (let index = 0; index < 60; index += 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet.charAt(seed % alphabet.length);
      }
      assert.deepEqual(sorted(automaton.scanText(text)), naive(keywords, text), text);
    }
  });

  it('treats U+0130 and the Kelvin sign as toLowerCase does (they lower-case to ASCII)', () => {
    const special = createKeywordAutomaton(['key', 'api', 'ki']);
    for (const text of ['\u212aEY', 'AP\u0130', 'k\u0130', 'plain']) {
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(sorted(special.scanText(text)), naive(['key', 'api', 'ki'], text), text);
      assert.deepEqual(sorted(special.scanBytes(bytes, bytes.length)), naive(['key', 'api', 'ki'], text), text);
    }
  });

  it('scans only the given length of a buffer, and never past its end', () => {
    const bytes = Buffer.from('ghp_ akia');
    assert.deepEqual(sorted(automaton.scanBytes(bytes, 4)), ['ghp_']);
    assert.deepEqual(sorted(automaton.scanBytes(bytes, 1000)), ['akia', 'ghp_']);
    assert.deepEqual(sorted(automaton.scanBytes(bytes.subarray(5), 4)), ['akia']);
  });

  it('copes with no keywords, invalid UTF-8, binary bytes and huge input', () => {
    assert.equal(createKeywordAutomaton([]).scanText('anything').size, 0);
    assert.equal(createKeywordAutomaton(['']).scanBytes(Buffer.from('x'), 1).size, 0);
    const invalid = Buffer.from([0xc4, 0x67, 0x68, 0x70, 0x5f, 0xe2, 0x84, 0xff, 0x00, 0xc3]);
    assert.deepEqual(sorted(automaton.scanBytes(invalid, invalid.length)), ['ghp_']);
    const binary = Buffer.alloc(1 << 20);
    for (let index = 0; index < binary.length; index += 1) binary[index] = (index * 2654435761) >>> 24;
    assert.ok(automaton.scanBytes(binary, binary.length).size <= automaton.keywords.length);
    const huge = Buffer.from(`${'q'.repeat(8_000_000)}AKIA`);
    assert.deepEqual(sorted(automaton.scanBytes(huge, huge.length)), ['akia']);
  });

  it('finds a keyword wherever it sits in a large buffer, across the middle where the two scanning streams meet', () => {
    for (const size of [8192, 8193, 20_001]) {
      const middle = size >>> 1;
      for (let start = middle - 10; start <= middle + 10; start += 1) {
        const bytes = Buffer.alloc(size, 0x71);
        bytes.write('https://', start, 'latin1');
        assert.deepEqual(sorted(automaton.scanBytes(bytes, size)), ['://', 'https://'], `size ${size}, at ${start}`);
      }
      for (const start of [0, size - 4]) {
        const bytes = Buffer.alloc(size, 0x71);
        bytes.write('AKIA', start, 'latin1');
        assert.deepEqual(sorted(automaton.scanBytes(bytes, size)), ['akia'], `size ${size}, at ${start}`);
      }
    }
  });

  it('keeps scans independent (nothing carries over from the previous file)', () => {
    assert.deepEqual(sorted(automaton.scanText('ghp_')), ['ghp_']);
    assert.deepEqual(sorted(automaton.scanText('akia')), ['akia']);
    assert.deepEqual(sorted(automaton.scanText('')), []);
  });
});
