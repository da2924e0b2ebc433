import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashSecret, isEncodedPlaceholder, isKnownExample, isPlaceholder, redactSecret, shannonEntropy } from './secret-text.ts';

describe('secret text helpers', () => {
  it('measures entropy in bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abab'), 1);
    assert.equal(shannonEntropy('abcd'), 2);
  });

  it('redacts to the first four characters and the length', () => {
    assert.equal(redactSecret('AKIAQ3EGZK7WJN5TPV2R'), 'AKIA…(20 chars)');
    assert.equal(redactSecret('hunter2!'), 'hu…(8 chars)');
    assert.equal(redactSecret('abc'), '…(3 chars)');
  });

  it('hashes secrets so the fingerprint never holds the text', () => {
    assert.match(hashSecret('s3cr3t'), /^sha256:[0-9a-f]{64}$/);
    assert.ok(!hashSecret('s3cr3t').includes('s3cr3t'));
  });

  for (const value of ['AKIAIOSFODNN7EXAMPLE', 'xxxxxxxxxxxxxxxx', '<your-token>', '${GITHUB_TOKEN}', '{{ .Values.password }}', 'changeme', 'your_api_key_here', 'aaaaaaaaaaaa', '%API_KEY%', 'REDACTED']) {
    it(`treats ${value} as a placeholder`, () => assert.equal(isPlaceholder(value), true));
  }
  for (const value of ['AKIAQ3EGZK7WJN5TPV2R', 'p9Vd2kQ7xLm4Rt8w', 'ghp_Q8v3Lx9Tz2Wm5Kp7Rn4Bc6Hd1Jf0Gs8Ya3Ee']) {
    it(`treats ${value} as a possible secret`, () => assert.equal(isPlaceholder(value), false));
  }

  it('knows published example values and base64-encoded prose', () => {
    assert.equal(isKnownExample('2YotnFZFEjr1zCsicMWpAA'), true);
    assert.equal(isKnownExample('p9Vd2kQ7xLm4Rt8w'), false);
    assert.equal(isEncodedPlaceholder(Buffer.from('not my real password').toString('base64')), true);
    assert.equal(isEncodedPlaceholder(Buffer.from('changeme').toString('base64')), true);
    assert.equal(isEncodedPlaceholder(Buffer.from('deploy:Tq8vLm2xRw9zKp4n').toString('base64')), false);
    assert.equal(isEncodedPlaceholder(Buffer.from([0x9f, 0x01, 0xfe, 0x33, 0x80, 0x11, 0x42, 0xaa, 0x07]).toString('base64')), false);
    assert.equal(isEncodedPlaceholder('short'), false);
  });
});
