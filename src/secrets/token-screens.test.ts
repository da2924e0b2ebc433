import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assignedValueScreen, isAssignmentFree, quotedValueScreen } from './assignment-screens.ts';
import { byteSet, classRunScreen, literalTokenScreen, mayHoldNpmrcAuth } from './byte-screens.ts';
import type { ProviderEntry } from './providers/index.ts';
import { placeholderLine, providerEntries, sampleLine } from './providers/index.ts';
import { derivedTokenScreen } from './token-screens.ts';
import { randomIndex } from '../../test/random-index.ts';

const screened = providerEntries.flatMap((entry) => {
  const screen = entry.bytesScreen ?? derivedTokenScreen(entry.pattern);
  return screen === undefined ? [] : [{ entry, screen }];
});

/** Whether the screen says yes on the text's UTF-8 bytes (in a larger buffer, as the reader gives them). */
function screenSays(screen: (bytes: Uint8Array, length: number) => boolean, text: string): boolean {
  const bytes = Buffer.from(`${text}"zz`, 'utf8');
  return screen(bytes, bytes.length - 3);
}

/** Variants of a rule's sample line: cut, widened, re-cased, with non-ASCII, word or blank characters in and around. */
function variants(entry: ProviderEntry, random: (length: number) => number): string[] {
  const { line } = sampleLine(entry);
  const [before, after] = entry.around;
  const { sample } = entry;
  const at = random(Math.max(1, sample.length));
  const inserts = ['\u00e9', '\u2028', 'x', '-', ' ', '\u00a0', '\ufffd', '"', '.'];
  const insert = inserts[random(inserts.length)] ?? '';
  // The assignment before the secret, with other operators and gaps (Unicode blanks, quotes, line breaks).
  const name = before.replace(/\s*(?:=>|:=|::|[=:,>])[\s'"`]*$/, '');
  const gaps = ['=', ': ', ' => "', ",\t'", ':=\u00a0', '::`', ' = \u3000"', '=  \n "', ' : \u2028\u2028\u2028\u2028\u2028', '= \'"\' "', '\u00a0=\u00a0"', ' ="'];
  const assignments = name === before ? [] : gaps.map((gap) => `${name}${gap}${sample}${after}`);
  return [
    ...assignments,
    line,
    placeholderLine(entry),
    ...entry.fp,
    `${before}${sample.slice(0, -1)}${after}`,
    `${before}${sample.slice(1)}${after}`,
    `${before}${sample.slice(0, at)}${insert}${sample.slice(at + 1)}${after}`,
    `${before}${sample.slice(0, at)}${insert}${sample.slice(at)}${after}`,
    `${before}${insert}${sample}${after}`,
    `x${sample}`,
    `\u00e9${sample}`,
    `${sample.toLowerCase()}`,
    `${before.toUpperCase()}${sample.toUpperCase()}${after}`,
    `${line}\n${line}`,
  ];
}

describe('byte screens of the detectors (own and derived)', () => {
  const dir = import.meta.dirname;
  const sources = [dir, join(dir, 'providers')].flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(folder, name), 'utf8')));

  it('most detectors have one', () => {
    assert.ok(screened.length >= 190, `${screened.length} of ${providerEntries.length}`);
  });

  it('say yes wherever the detector’s regex matches: samples, false-positive lines, variants, real sources', () => {
    const random = randomIndex(7);
    let yes = 0;
    let no = 0;
    for (const { entry, screen } of screened) {
      assert.equal(screenSays(screen, sampleLine(entry).line), true, `${entry.slug}: sample line`);
      const regex = new RegExp(entry.pattern.source, entry.pattern.flags.replace(/[gy]/g, ''));
      for (const text of [...variants(entry, random), ...variants(entry, random), ...sources]) {
        const says = screenSays(screen, text);
        if (regex.test(text)) assert.equal(says, true, `${entry.slug}: ${JSON.stringify(text)}`);
        if (says) yes += 1;
        else no += 1;
      }
    }
    assert.ok(yes > 1000 && no > 1000, `both answers are exercised (${yes} yes, ${no} no)`);
  });
});

describe('derivedTokenScreen', () => {
  const literal = (source: string, flags = ''): string => {
    const screen = derivedTokenScreen(new RegExp(source, flags));
    if (screen === undefined) return 'none';
    return ['ab-cdefgh', 'zab-cdefgh', 'xy.defgh', 'zz', 'abcdefghijkl'].map((text) => (screenSays(screen, text) ? '1' : '0')).join('');
  };
  const cases: readonly (readonly [string, string, string])[] = [
    [String.raw`(?<![\w-])(?<secret>ab-[a-h]{5})(?![\w-])`, '', '10000'],
    [String.raw`(?<![\w-])(?<secret>(?:ab|xy)[-.][a-h]{5})`, '', '11101'],
    [String.raw`(?<![\w-])(?<secret>(?:ab-|xy\.)[a-h]{5})`, '', '10100'],
    [String.raw`(?<![\w-])(?<secret>AB-[a-h]{5})`, 'i', '11101'],
    [String.raw`(?<secret>[a-h]{6})`, '', '11001'],
    [String.raw`(?<secret>[a-h]{20})`, '', '00000'],
    [String.raw`key=(?<secret>(?:live_)?[a-l]{12})`, '', '00001'],
    [String.raw`(?<secret>[a-h]{6})|zz`, '', 'none'],
    [String.raw`(?<secret>[a-h]{6}|zz)`, '', 'none'],
    [String.raw`(?:x(?<secret>[a-h]{6}))?`, '', 'none'],
    [String.raw`(?<secret>[a-h]{6})?`, '', 'none'],
    [String.raw`(?<secret>[a-h]{0,6})`, '', 'none'],
    [String.raw`(?<secret>[^\s]{6})`, '', 'none'],
    [String.raw`(?<secret>(?:[a-h]{6})?x)`, '', 'none'],
    [String.raw`no secret group [a-h]{6}`, '', 'none'],
  ];
  for (const [source, flags, expected] of cases) {
    it(`/${source}/${flags} → ${expected}`, () => assert.equal(literal(source, flags), expected));
  }

  it('searches for the literal right before an inner class (unquantified characters only), or for the spellings of a prefix group ending with one class character, case-sensitively', () => {
    const says = (source: string, flags: string, texts: readonly string[]): boolean[] => {
      const screen = derivedTokenScreen(new RegExp(source, flags));
      assert.ok(screen !== undefined);
      return texts.map((text) => screenSays(screen, text));
    };
    const texts = ['12:AAabc', 'x:AAabc', '12:AAab', '12:aaabc', 'abcdefgh', 'x:Aabc'];
    assert.deepEqual(says(String.raw`(?<![\w-])(?<secret>\d{2}:AA[a-h]{3})`, '', texts), [true, true, false, false, false, false]);
    assert.deepEqual(says(String.raw`(?<![\w-])(?<secret>\d{2}x?:A[a-h]{3})`, '', texts), [false, false, false, false, false, true]);
    assert.deepEqual(says(String.raw`(?<![\w-])(?<secret>(?:xA[A-C]|12)[a-h]{3})`, '', ['xAAabc', 'xADabc', '12abc', 'zxABabc', '\u00e9xACabc', 'xAAab', 'abcdefgh']), [true, false, true, false, true, false, false]);
    assert.deepEqual(says(String.raw`(?<![\w-])(?<secret>\d{2}:AA[a-h]{3})`, 'i', texts), [true, true, true, true, true, true], 'case-insensitive: a run of the class only');
  });
});

describe('screen building blocks', () => {
  const hex = byteSet(/^[a-f0-9]$/);
  it('literalTokenScreen: the literal not after [\\w-], then the class run, within bytes[0..length)', () => {
    const screen = literalTokenScreen([{ literal: 'sl.' }, { literal: 'SL.' }], hex, 4);
    const table: readonly (readonly [string, boolean])[] = [
      ['sl.abcd', true], ['SL.abcd', true], ['xsl.abcd', false], ['-sl.abcd', false], ['\u00e9sl.abcd', true], [' sl.abc', false], ['sl.abcz sl.0123', true], ['', false],
    ];
    for (const [text, expected] of table) assert.equal(screenSays(screen, text), expected, text);
    const bytes = Buffer.from('sl.abcd');
    assert.equal(screen(bytes, 6), false);
    assert.equal(screen(bytes.subarray(0), 7), true);
  });
  it('classRunScreen: a run of the class, bytes from 0x80 up break it', () => {
    const screen = classRunScreen(hex, 4);
    assert.deepEqual(['abcd', 'ab\u00e9cd', 'xabcdx', 'abc', '', 'ab cd'].map((text) => screenSays(screen, text)), [true, false, true, false, false, false]);
  });
  it('quotedValueScreen: a name, up to 12 [\\w-], a quote, blanks, the operator, blanks, a quote, the run', () => {
    const screen = quotedValueScreen(hex, 4, ['key', 'token']);
    const table: readonly (readonly [string, boolean])[] = [
      ['key = "abcd"', true], ["KEY: 'abcd", true], ['apiToken => `abcd', true], ['key =    "abcd"', false], ['key=\t\t\t"abcd', true], ['key("abcd")', false], ['key = "abc"', false],
      ['"abcd', false], ['key=""abcd', false], ['"key": "abcd"', true], ["key_for_the_x = 'abcd'", true], ['key_for_the_xyz1 = "abcd"', false], ['key   = "abcd"', true], ['key    = "abcd"', false],
      ['token := "abcd"', true], ['token > "abcd"', false], ['token == "abcd"', false], ['monkey="abcd"', true], ['ke = "abcd"', false], ['k\u00e9y = "abcd"', false], ['x = "abcd"', false],
    ];
    for (const [text, expected] of table) assert.equal(screenSays(screen, text), expected, text);
    const negated = quotedValueScreen(byteSet(/^[^\s"'`\\]$/, 1), 4, ['password']);
    assert.deepEqual(['password="\u00e9\u00e9"', 'password="\u00e9 \u00e9"', 'password="ab\\c"', 'Password: "abcd"'].map((text) => screenSays(negated, text)), [true, false, false, true]);
  });
  it('assignedValueScreen: an operator end, at most 15 gap bytes (5 characters of up to 3 bytes), the run', () => {
    const screen = assignedValueScreen(hex, 4);
    const table: readonly (readonly [string, boolean])[] = [
      ['x=abcd', true], ['x: "abcd"', true], ['x, abcd', true], ['x =>  \'abcd', true], ['x =      abcd', true], [`x =${' '.repeat(16)}abcd`, false], ['x =\u3000\u3000\u3000\u3000\u3000abcd', true], ['x abcd', false], ['x=zabcd', false], ['abcd', false],
    ];
    for (const [text, expected] of table) assert.equal(screenSays(screen, text), expected, text);
    assert.deepEqual([hex, byteSet(/^[a-z=]$/), byteSet(/^[\w,]$/), byteSet(/^[\w-]$/)].map(isAssignmentFree), [true, false, false, true]);
  });
  it('mayHoldNpmrcAuth: a key, blanks, `=`', () => {
    const table: readonly (readonly [string, boolean])[] = [
      ['_authToken=x', true], ['//r/:_auth = x', true], ['_password\t=x', true], ['_authToken x=', false], ['_auth_token=x', false], ['_AUTH=x', false], ['_authTokenz=', false], ['', false],
    ];
    for (const [text, expected] of table) assert.equal(screenSays(mayHoldNpmrcAuth, text), expected, text);
  });
});
