import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as rubySemver from '@renovatebot/ruby-semver';
import { parseRubygems, rubygemsScheme } from './rubygems.ts';
import { runInvalid, runSequence, runVectors } from './__fixtures__/run-vectors.ts';

// rubygems test/rubygems/test_gem_version.rb: test_spaceship and test_semver.
describe('rubygems: Gem::Version tests', () => {
  runVectors(rubygemsScheme, [
    ['1.0', '=', '1.0.0'],
    ['1.0', '>', '1.0.a'],
    ['1.8.2', '>', '0.0.0'],
    ['1.8.2', '>', '1.8.2.a'],
    ['1.8.2.b', '>', '1.8.2.a'],
    ['1.8.2.a', '<', '1.8.2'],
    ['1.8.2.a10', '>', '1.8.2.a9'],
    ['0', '=', '0.0'],
    ['0.beta.1', '=', '0.0.beta.1'],
    ['0.0.beta', '<', '0.0.beta.1'],
    ['0.0.beta', '<', '0.beta.1'],
    ['5.a', '<', '5.0.0.rc2'],
    ['5.x', '>', '5.0.0.rc2'],
    ['1.0.0-1', '<', '1'],
    ['1.0.0-rc1', '<', '1.0.0'],
    ['1.0.a2', '=', '1.0.a.2'],
    ['3.2', '<', '3.10'],
    [' 1.0 ', '=', '1'],
    ['1.0.A', '<', '1.0.a'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
  ]);
  runSequence(rubygemsScheme, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
});

describe('rubygems: bad input', () => {
  runInvalid(rubygemsScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['junk', { reason: 'not a RubyGems version', column: 1 }],
    ['1.0\n1.0', { reason: 'control character in version', column: 4 }],
    ['1..0', { reason: 'not a RubyGems version', column: 1 }],
    ['1.0-', { reason: 'not a RubyGems version', column: 1 }],
    ['1.'.repeat(513), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
  it('keeps canonical segments', () => {
    assert.deepEqual(parseRubygems('1.0.0-rc.1.0'), { ok: true, value: { segments: ['1', 'pre', 'rc', '1'] } });
  });
});

const VERSIONS = ['0', '0.1', '1', '1.0', '1.0.0', '1.0.1', '1.1', '1.10', '1.9', '2', '1.0.a', '1.0.a1', '1.0.a.2', '1.0.b', '1.0.rc1', '1.0.0.pre', '1.0-1', '1.0-rc.1', '1.0.x'];

// Letter case is left out: the library orders strings with localeCompare (a < A), Ruby's String#<=>
// by bytes (A < a), which the table above asserts.
describe('rubygems: agrees with @renovatebot/ruby-semver', () => {
  it('on every pair of 19 versions', () => {
    const parsed = VERSIONS.map((text) => {
      assert.ok(rubySemver.valid(text) !== null, text);
      const result = rubygemsScheme.parse(text);
      assert.ok(result.ok, text);
      return result.value;
    });
    const oracle = (a: string, b: string): number => (rubySemver.lt(a, b) ? -1 : rubySemver.eq(a, b) ? 0 : 1);
    const disagreements: string[] = [];
    for (const a of parsed) {
      for (const b of parsed) if (rubygemsScheme.compare(a, b) !== oracle(a.text, b.text)) disagreements.push(`${a.text} vs ${b.text}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
