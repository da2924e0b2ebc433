import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSuppression, escapeForDisplay, formatObjectRef, formatPathLine, formatPosition, isWaived, plural } from './common.ts';
import { kubernetesFinding, waivedFinding } from './__fixtures__/report.ts';

describe('report helpers', () => {
  it('isWaived', () => {
    assert.equal(isWaived(waivedFinding), true);
    assert.equal(isWaived(kubernetesFinding), false);
  });

  const objects = [
    [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' }, 'Deployment prod/web'],
    [{ apiVersion: 'v1', kind: 'Namespace', name: 'prod' }, 'Namespace prod'],
    [{ apiVersion: 'v1', kind: 'Pod' }, 'Pod (unnamed)'],
  ] as const;
  for (const [object, expected] of objects) {
    it(`formatObjectRef → ${expected}`, () => assert.equal(formatObjectRef(object), expected));
  }

  it('formatPosition and formatPathLine', () => {
    assert.equal(formatPosition({ startLine: 3, startColumn: 7 }), '3:7');
    assert.equal(formatPosition({ startLine: 3 }), '3');
    assert.equal(formatPosition({}), '');
    assert.equal(formatPathLine({ path: 'a.yaml', startLine: 3 }), 'a.yaml:3');
    assert.equal(formatPathLine({ path: 'a.yaml' }), 'a.yaml');
  });

  it('describeSuppression', () => {
    assert.equal(
      describeSuppression({ kind: 'exception', reason: 'r', owner: 'o', ticket: 't', expires: '2026-01-01' }),
      'exception: r (owner: o, ticket: t, expires: 2026-01-01)',
    );
    assert.equal(describeSuppression({ kind: 'baseline' }), 'baseline');
    assert.equal(describeSuppression({ kind: 'inline', reason: 'false positive' }), 'inline: false positive');
  });

  it('plural', () => {
    assert.equal(plural(0, 'error'), '0 errors');
    assert.equal(plural(1, 'error'), '1 error');
    assert.equal(plural(2, 'finding'), '2 findings');
  });

  const display = [
    ['plain é 日本 😀', 'plain é 日本 😀'],
    ['a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['\u0000\u001b[2J\u007f\u0085', '\\x00\\x1b[2J\\x7f\\x85'],
    ['\u202eevil\u2066\u200f\u061c', '\\u202eevil\\u2066\\u200f\\u061c'],
  ] as const;
  for (const [input, expected] of display) {
    it(`escapeForDisplay ${JSON.stringify(input)}`, () => assert.equal(escapeForDisplay(input), expected));
  }
});
