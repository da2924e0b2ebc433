import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isPalisadeError } from '../../core/errors.ts';
import { formatDuration, parseDuration } from './duration.ts';

it('parses durations', () => {
  const table = [['7d', 604_800], ['12h', 43_200], ['1d12h', 129_600], ['90m', 5400], ['30s', 30], ['2w', 1_209_600], [' 1h ', 3600]] as const;
  for (const [text, seconds] of table) assert.equal(parseDuration(text), seconds, text);
});

it('refuses anything else, naming the option and the value', () => {
  for (const text of ['', '7', 'd', '7 d', '7days', '-1d', '1.5h', '7d!', `${'9'.repeat(12)}d`]) {
    assert.throws(() => parseDuration(text), (error: unknown) => isPalisadeError(error) && error.code === 'USAGE' && error.message === `--max-age must be a duration such as 7d, 12h or 1d12h (units s, m, h, d, w); got "${text}"`);
  }
});

it('formats ages with the two largest units', () => {
  const table = [[0, '0s'], [42, '42s'], [3900, '1h 5m'], [1_512_000, '17d 12h'], [86_400, '1d'], [-5, '0s']] as const;
  for (const [seconds, text] of table) assert.equal(formatDuration(seconds), text);
});
