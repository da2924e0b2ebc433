import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHadolintConfig } from './hadolint-config.ts';

const FULL = `# hadolint settings
failure-threshold: warning
format: json
ignored:
  - DL3008
  - SC2086
override:
  error:
    - DL3015
  info: [DL3059]
  style: [DL3048]
trustedRegistries:
  - docker.io
  - my-company.com:5000
label-schema:
  author: text
  version: semver
strict-labels: true
`;

describe('parseHadolintConfig', () => {
  it('maps every supported setting onto Palisade settings', () => {
    assert.deepEqual(parseHadolintConfig(FULL), {
      skipRules: ['hadolint:DL3008'],
      ruleOptions: {
        'hadolint:DL3026': { allowedRegistries: ['docker.io', 'my-company.com:5000'] },
        'hadolint:DL3049': { labelSchema: { author: 'text', version: 'semver' }, strictLabels: true },
      },
      severityOverrides: { 'hadolint:DL3015': 'high', 'hadolint:DL3059': 'low', 'hadolint:DL3048': 'info' },
      failOn: 'medium',
      problems: [{ line: 6, column: 5, message: 'SC2086 is a ShellCheck rule, which Palisade does not run; the setting is ignored' }],
    });
  });

  const thresholds: readonly (readonly [string, string | undefined])[] = [
    ['error', 'high'],
    ['warning', 'medium'],
    ['info', 'low'],
    ['style', 'info'],
    ['ignore', 'info'],
    ['none', 'none'],
  ];
  for (const [hadolint, palisade] of thresholds) {
    it(`failure-threshold ${hadolint} → ${palisade}`, () => {
      assert.equal(parseHadolintConfig(`failure-threshold: ${hadolint}\n`).failOn, palisade);
    });
  }

  it('no-fail wins over failure-threshold', () => {
    assert.equal(parseHadolintConfig('failure-threshold: error\nno-fail: true\n').failOn, 'none');
    assert.equal(parseHadolintConfig('no-fail: false\n').failOn, undefined);
  });

  it('an empty file sets nothing', () => {
    assert.deepEqual(parseHadolintConfig(''), { skipRules: [], ruleOptions: {}, severityOverrides: {}, problems: [] });
  });

  const bad: readonly (readonly [string, string, { line: number; column: number; message: string }])[] = [
    ['unknown id', 'ignored: [DL9999]\n', { line: 1, column: 11, message: 'ignored: unknown hadolint rule "DL9999"' }],
    ['not a list', 'ignored: DL3008\n', { line: 1, column: 10, message: 'ignored must be a list' }],
    ['unknown level', 'override:\n  fatal: [DL3008]\n', { line: 2, column: 3, message: 'override: unknown level "fatal" (error, warning, info or style)' }],
    ['unknown setting', 'ignore: [DL3008]\n', { line: 1, column: 1, message: 'unknown hadolint setting "ignore"' }],
    ['bad threshold', 'failure-threshold: fatal\n', { line: 1, column: 20, message: 'failure-threshold must be one of error, warning, info, style, ignore, none' }],
    ['bad label type', 'label-schema:\n  version: number\n', { line: 2, column: 12, message: 'label-schema: "version" has unknown type "number" (text, rfc3339, semver, url, hash, spdx, email)' }],
    ['bad strict-labels', 'strict-labels: yes please\n', { line: 1, column: 16, message: 'strict-labels must be true or false' }],
    ['not a mapping', '- DL3008\n', { line: 1, column: 1, message: 'the configuration must be a mapping' }],
    ['invalid YAML', 'ignored: [DL3008\n', { line: 2, column: 1, message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' }],
  ];
  for (const [name, text, problem] of bad) {
    it(`reports ${name} with its position`, () => {
      const [first] = parseHadolintConfig(text).problems;
      assert.deepEqual(first, problem);
    });
  }

  it('survives hostile input (binary, a huge list) without throwing', () => {
    assert.ok(parseHadolintConfig('\u0000\u0001\u00ff: [').problems.length > 0);
    const huge = `ignored:\n${'  - DL3008\n'.repeat(50_000)}`;
    assert.deepEqual(parseHadolintConfig(huge).skipRules, ['hadolint:DL3008']);
  });
});
