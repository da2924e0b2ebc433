import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mayHoldUrlCredentials } from './byte-screens.ts';
import { providerEntries, sampleLine } from './providers/index.ts';
import { randomIndex } from '../../test/random-index.ts';

const urlRule = providerEntries.find((entry) => entry.slug === 'no-url-embedded-credentials');

/** URL-like texts and near misses, with non-ASCII characters around and inside. */
function urlTexts(count: number): string[] {
  const parts: readonly (readonly string[])[] = [
    ['', ' ', 'x', '\u00e9', '\u2603', '+', '"'],
    ['https', 'http', 'git', 'ssh', 'ftp', 'sftp', 'HTTPS', 'postgres', ''],
    ['://', ':/', '//', '://://'],
    ['', 'u', 'deploy', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(65), 'us\u00e9r', 'user%40x', 'x:y'],
    [':', '', '@', '::'],
    ['', 'pw', 'abcdefg', 'abcdefgh', 'p@ss', 'Zx9Yw8Vu7Ts6', 'p\u00e4ssword12', '!$&*+=-~.%_12', 'abc def ghi'],
    ['', '@', '@host.example', '@h.io/x', ' '],
  ];
  const random = randomIndex(17);
  const texts: string[] = [];
  for (let round = 0; round < count; round += 1) {
    let text = '';
    for (let piece = 0; piece < 4; piece += 1) text += parts.map((list) => list[random(list.length)] ?? '').join('');
    texts.push(text);
  }
  return texts;
}

describe('mayHoldUrlCredentials', () => {
  assert.ok(urlRule?.sites !== undefined && urlRule.bytesScreen === mayHoldUrlCredentials);
  const anchor = new RegExp(urlRule.sites.anchor.source, urlRule.sites.anchor.flags);
  const whole = new RegExp(urlRule.pattern.source, urlRule.pattern.flags);
  const dir = join(import.meta.dirname, 'providers');
  const real = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
  const texts = [sampleLine(urlRule).line, ...urlRule.fp, ...real, ...urlTexts(5000)];

  it('says yes exactly where the rule’s anchor occurs, so always where the rule matches', () => {
    let yes = 0;
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const screened = mayHoldUrlCredentials(bytes, bytes.length);
      assert.equal(screened, anchor.test(text), JSON.stringify(text));
      if (whole.test(text)) assert.equal(screened, true, JSON.stringify(text));
      if (screened) yes += 1;
    }
    assert.ok(yes > 100 && yes < texts.length - 100, `both answers are exercised (${yes} of ${texts.length})`);
  });

  it('looks at bytes[0..length) only, in a view at any offset', () => {
    const bytes = Buffer.from('xx https://deploy:abcdefgh@host.example');
    assert.equal(mayHoldUrlCredentials(bytes, bytes.length), true);
    assert.equal(mayHoldUrlCredentials(bytes, bytes.length - 25), false);
    assert.equal(mayHoldUrlCredentials(bytes.subarray(3), bytes.length - 3), true);
    assert.equal(mayHoldUrlCredentials(bytes.subarray(3), 10), false);
    assert.equal(mayHoldUrlCredentials(Buffer.alloc(0), 0), false);
  });

  it('handles invalid UTF-8 and binary bytes', () => {
    const bytes = Buffer.from([0x3a, 0x2f, 0x2f, 0x61, 0xff, 0x3a, 0x3a, 0x2f, 0x2f, 0x75, 0x3a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xc3]);
    assert.equal(mayHoldUrlCredentials(bytes, bytes.length), true);
    assert.equal(mayHoldUrlCredentials(bytes, 17), false);
  });
});
