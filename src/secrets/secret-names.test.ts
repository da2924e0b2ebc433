import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLiteral, isSecretName } from './secret-names.ts';

describe('isSecretName', () => {
  const cases: readonly [string, boolean][] = [
    ['DB_PASSWORD', true],
    ['apiKey', true],
    ['github-token', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['CLIENT_SECRET', true],
    ['PASSWORD_FILE', false],
    ['TOKEN_URL', false],
    ['KEY', false],
    ['PATH', false],
    ['', false],
    ['---', false],
  ];
  for (const [name, expected] of cases) it(`${JSON.stringify(name)}: ${expected}`, () => assert.equal(isSecretName(name), expected));

  it('answers the same for a name asked again, also after more names than it keeps', () => {
    for (const [name, expected] of cases) assert.equal(isSecretName(name), expected);
    for (let index = 0; index < 10_000; index += 1) assert.equal(isSecretName(`VAR_${index}`), false);
    for (const [name, expected] of cases) assert.equal(isSecretName(name), expected);
    assert.equal(isSecretName('VAR_1_TOKEN'), true);
  });
});

describe('isLiteral', () => {
  it('is true for text of its own, false for references alone', () => {
    assert.equal(isLiteral('s3cr3t'), true);
    assert.equal(isLiteral('${DB_PASSWORD}'), false);
    assert.equal(isLiteral('$TOKEN'), false);
    assert.equal(isLiteral('${A}-x'), true);
    assert.equal(isLiteral(undefined), false);
  });
});
