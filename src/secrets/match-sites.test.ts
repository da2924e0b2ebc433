import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MatchSites, PatternMatch } from './match-sites.ts';
import { sitedMatches } from './match-sites.ts';
import { placeholderLine, providerEntries, sampleLine } from './providers/index.ts';
import { randomIndex } from '../../test/random-index.ts';

/** What a match is reduced to for comparison: where it is and where its secret is. */
function shape(match: PatternMatch): string {
  return JSON.stringify([match.start, match.end, match.secret ?? null, match.secretSpan ?? null]);
}

/** The definition: the regex over the whole text with the `g` and `d` flags. */
function wholeText(pattern: RegExp, text: string): string[] {
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gdy]/g, '')}gd`);
  const found: string[] = [];
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    if (match[0] === '') global.lastIndex += 1;
    found.push(shape({ start: match.index, end: match.index + match[0].length, secret: match.groups?.['secret'], secretSpan: match.indices?.groups?.['secret'] }));
  }
  return found;
}

function sited(pattern: RegExp, sites: MatchSites, text: string): string[] {
  return [...sitedMatches(pattern, sites, text)].map(shape);
}

/** Deterministic text built from fragments that the sited patterns care about. */
function generated(fragments: readonly string[], count: number, seed: number): string[] {
  const texts: string[] = [];
  const random = randomIndex(seed);
  for (let round = 0; round < count; round += 1) {
    let text = '';
    for (let index = 0; index < 40; index += 1) text += fragments[random(fragments.length)] ?? '';
    texts.push(text);
  }
  return texts;
}

const FRAGMENTS = [
  'api_key', 'API-KEY', 'apikey', 'secret', 'Secret_Key', 'access_token', 'refresh-token', 'bearerToken', 'token', 'tokens', 'keys', 'private_key', 'auth_key', 'monkey',
  'https', 'http', 'ftp', 'sftp', 'ssh', 'git', 'postgres', '://', ':', '@', '.', '-', '_', '=', ' = ', ': ', '=>', ':=', '"', "'", '`', ' ', '\t', '\n', '\r\n', '\u2028',
  'aB3dE5fG7hJ9kL1mN3pQ5', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3', 'user', 'deploy', 'host.example', 'example.com', 'x', '//registry.example/:', '_authToken', '_auth', '_password', '/', '+',
  'caf\u00e9', '\u0130', 'K',
];

/** Near-matches and matches of the sited patterns, each piece picked at random from its list. */
function assignments(count: number, seed: number): string[] {
  return pieces(count, seed, 8, [
    ['', ' ', '\n', 'x', '-', '.', '  ', '\t', '//registry.example.org/:', '//h:', 'const '],
    ['api_key', 'secretKey', 'ACCESS_TOKEN', 'refresh-token', 'token', 'tokens', 'private_key', 'monkey', '_authToken', '_auth', '_password', 'https://', 'git://', 'sftp://', 'xhttps://', 'ssh://'],
    ['', 'user', 'deploy:', '_id', 'Value', 'x'],
    ['', ':', ' = ', '=', '=>', ': ', ':=', '" : '],
    ['', '"', "'", '`'],
    ['aB3dE5fG7hJ9kL1mN3pQ5rS', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2', 'short', 'aB3dE5fG7h+/=J9kL1mN3pQ5', 'pass:word1234@', 'p4ssW0rd!xyz@host.example', 'k8sN0deT0ken-Abc1234567'],
    ['', '@', '@host.example.org', '@a.b.c', '"', "'", '`'],
    ['', ' ', '\n', '\r\n', ';', 'x'],
  ]);
}

/** `.npmrc`-like lines and near-misses. */
function npmrcLines(count: number, seed: number): string[] {
  return pieces(count, seed, 6, [
    ['', '  ', '\t', 'x ', '# '],
    ['', '//registry.example.org/:', '//h:', '//a b:', '/'],
    ['_authToken', '_auth', '_password', '_authtoken', 'auth'],
    ['=', ' = ', ':', '= ', '\t=\t'],
    ['aB3dE5fG7hJ9kL1mN3pQ5rS', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2==', 'short', '${NPM_TOKEN}'],
    ['', ' ', 'x', '"', '\t'],
    ['\n', '\r\n', '\r', '\u2028', '\u2029', ' '],
  ]);
}

/** `count` texts, each of `length` pieces whose parts are picked from the lists in order. */
function pieces(count: number, seed: number, length: number, parts: readonly (readonly string[])[]): string[] {
  const texts: string[] = [];
  const random = randomIndex(seed);
  const pick = (list: readonly string[]): string => list[random(list.length)] ?? '';
  for (let round = 0; round < count; round += 1) {
    let text = '';
    for (let piece = 0; piece < length; piece += 1) text += parts.map(pick).join('');
    texts.push(text);
  }
  return texts;
}

/** Source files of this area: real text with URLs, assignments and keywords. */
function realTexts(): string[] {
  const dir = join(import.meta.dirname, 'providers');
  return readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(dir, name), 'utf8'));
}

describe('sitedMatches', () => {
  it('finds the matches of the whole-text search, leftmost first and not overlapping', () => {
    const pattern = /a(?<secret>b+)|bb/;
    const sites: MatchSites = { anchor: /b/, before: 1 };
    for (const text of ['', 'ab', 'abbb bb abab', 'bbbb', 'xaxbb', 'aab']) assert.deepEqual(sited(pattern, sites, text), wholeText(pattern, text), text);
  });

  it('finds adjacent matches, and matches that begin past the anchor, as the whole-text search does', () => {
    const cases: readonly [RegExp, MatchSites, readonly string[]][] = [
      [/x{0,2}y/, { anchor: /y/, before: 2 }, ['', 'y', 'xy', 'xxyxxy', 'axy', 'xxxxyyy']],
      [/a(?<secret>b)|ab?c/, { anchor: /a/, before: 0 }, ['abac', 'aab', 'acab']],
      [/b{2,}|cb/, { anchor: /c/, before: 3 }, ['bbbcbbc', 'cbcbcb', 'xbbc']],
    ];
    for (const [pattern, sites, texts] of cases) {
      for (const text of texts) assert.deepEqual(sited(pattern, sites, text), wholeText(pattern, text), `${String(pattern)} on ${text}`);
    }
  });

  it('scans a long line with many anchors in linear time', () => {
    const pattern = /^[ \t]*_k=(?<secret>\d+)$/m;
    const text = `${'_k= '.repeat(200_000)}\n_k=1`;
    assert.deepEqual(sited(pattern, { anchor: /_k/, before: 'line' }, text), wholeText(pattern, text));
  });

  it('tries a line-anchored pattern from the start of the anchor’s line only', () => {
    const pattern = /^[ \t]*x=(?<secret>\d+)$/m;
    const sites: MatchSites = { anchor: /x=/, before: 'line' };
    for (const text of ['x=1', '  x=12\n\tx=3', 'a x=1\nx=2', 'x=1\r\nx=2\rx=3\u2028x=4\u2029 x=5', 'x=1 x=2', '\n\n x=9']) {
      assert.deepEqual(sited(pattern, sites, text), wholeText(pattern, text), JSON.stringify(text));
    }
  });

  it('sees the text before a candidate start (lookbehind) as the whole-text search does', () => {
    const pattern = /(?<![\w-])(?<secret>k[0-9]{3})/;
    const sites: MatchSites = { anchor: /k/, before: 0 };
    for (const text of ['k123 ak123 -k456 (k789)', 'kk123', 'k12']) assert.deepEqual(sited(pattern, sites, text), wholeText(pattern, text), text);
  });

  const entries = providerEntries.filter((entry) => entry.sites !== undefined);

  it('is used by the costly generic rules', () => {
    assert.deepEqual(entries.map((entry) => entry.slug).sort(), ['no-generic-secret-assignment', 'no-npmrc-auth-token', 'no-url-embedded-credentials']);
  });

  for (const entry of entries) {
    const sites = entry.sites;
    if (sites === undefined) continue;
    it(`${entry.slug}: the same matches as the whole-text search on samples, generated and real text`, () => {
      const texts = [sampleLine(entry).line, placeholderLine(entry), ...entry.fp, ...realTexts(), ...generated(FRAGMENTS, 3000, entry.slug.length), ...assignments(3000, entry.slug.length), ...npmrcLines(2000, entry.slug.length)];
      let matched = 0;
      for (const text of texts) {
        const expected = wholeText(entry.pattern, text);
        matched += expected.length;
        assert.deepEqual(sited(entry.pattern, sites, text), expected, JSON.stringify(text));
      }
      assert.ok(matched > 20, `${entry.slug}: the texts exercise the pattern (${matched} matches)`);
    });
  }
});
