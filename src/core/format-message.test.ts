import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMessage } from './rule.ts';

describe('formatMessage', () => {
  it('fills every placeholder, in any place and more than once, as String() writes the value', () => {
    assert.equal(formatMessage('Pin {name} to a version.', { name: 'curl' }), 'Pin curl to a version.');
    assert.equal(formatMessage('{a}{b} and {a}', { a: 1, b: 'two' }), '1two and 1');
    assert.equal(formatMessage('No placeholder.', undefined), 'No placeholder.');
    assert.equal(formatMessage('{x}', { x: '$& $1 {y}' }), '$& $1 {y}');
    assert.equal(formatMessage('{not a placeholder} {}', {}), '{not a placeholder} {}');
    assert.equal(formatMessage('', {}), '');
  });

  it('gives the same text for a template used again with other values', () => {
    assert.equal(formatMessage('Image {image} has no tag.', { image: 'a' }), 'Image a has no tag.');
    assert.equal(formatMessage('Image {image} has no tag.', { image: 'b' }), 'Image b has no tag.');
  });

  it('throws on a placeholder without a value (a bug in the rule)', () => {
    assert.throws(() => formatMessage('Use {tool} on line {line}.', { tool: 'x' }), /Message placeholder \{line\} has no value in "Use \{tool\} on line \{line\}\."/);
    assert.throws(() => formatMessage('{a}', undefined), /\{a\} has no value/);
  });
});
