import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRuleTests } from '../../../test/rule-tester.ts';
import type { Rule } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import type { LabelType } from '../label-schema.ts';
import { matchesLabelType } from '../label-schema.ts';
import { useLabelSchema } from './use-label-schema.ts';

const options = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };

function configured(values: Readonly<Record<string, unknown>>): Rule {
  const result = useLabelSchema.configure(values);
  assert.ok(result.ok);
  return result.value;
}

runRuleTests(useLabelSchema, options, { pass: ['FROM a:1\nLABEL Anything=x', 'FROM a:1'], fail: [] });

const schema = configured({ labelSchema: { version: 'semver', source: 'url', owner: 'text' } });

runRuleTests(schema, options, {
  pass: [
    'FROM a:1\nLABEL version=1.2.3 source=https://github.com/acme/app owner=team-a extra=1',
    'FROM a:1 AS base\nLABEL version=1.2.3 source=https://x.example owner=a\nFROM base',
    'FROM a:1 AS build\nRUN make\nFROM b:1\nCOPY --from=build /x /x\nLABEL version=1.2.3 source=https://x.example owner=a',
    'FROM a:1\nARG V\nLABEL version=${V} source=$SRC owner=a',
  ],
  fail: [
    {
      code: 'FROM a:1\nLABEL version=v1.2 source=https://x.example owner=""',
      findings: [
        { messageId: 'semver', line: 2, column: 15, endColumn: 19, message: 'Label "version" is not a semantic version (such as 1.4.2).' },
        { messageId: 'empty', line: 2, column: 51, endColumn: 53, message: 'Label "owner" is empty.' },
      ],
    },
    {
      code: 'FROM a:1\nLABEL version=1.0.0',
      findings: [
        { messageId: 'missing', line: 1, column: 1, endColumn: 5, message: 'Label "source" is missing from this stage.' },
        { messageId: 'missing', line: 1, column: 1, endColumn: 5, message: 'Label "owner" is missing from this stage.' },
      ],
    },
    { code: 'FROM a:1\nLABEL version=1.0.0 source=not-a-url owner=x', findings: [{ messageId: 'url', line: 2, column: 28, endColumn: 37 }] },
  ],
});

runRuleTests(configured({ strictLabels: true, labelSchema: { version: 'text' } }), options, {
  pass: ['FROM a:1\nLABEL version=any'],
  fail: [{ code: 'FROM a:1\nLABEL version=1 other=2', findings: [{ messageId: 'superfluous', line: 2, column: 17, endColumn: 22, message: 'Label "other" is not in the label schema, and strict labels are on.' }] }],
});

runRuleTests(configured({ labelSchema: { created: 'rfc3339', revision: 'hash', license: 'spdx', contact: 'email' } }), options, {
  pass: ['FROM a:1\nLABEL created=2024-05-01T12:00:00Z revision=0123abc license="MIT OR (Apache-2.0 WITH LLVM-exception)" contact=ops@example.com'],
  fail: [
    {
      code: 'FROM a:1\nLABEL created=2024-05-01 revision=XYZ license="MIT OR" contact=ops',
      findings: [
        { messageId: 'rfc3339', line: 2, column: 15, endColumn: 25 },
        { messageId: 'hash', line: 2, column: 35, endColumn: 38 },
        { messageId: 'spdx', line: 2, column: 47, endColumn: 55 },
        { messageId: 'email', line: 2, column: 64, endColumn: 67 },
      ],
    },
  ],
});

describe('use-label-schema options and types', () => {
  it('rejects an unknown label type', () => {
    assert.equal(useLabelSchema.configure({ labelSchema: { version: 'number' } }).ok, false);
  });

  const table: readonly (readonly [LabelType, string, boolean])[] = [
    ['semver', '1.2.3-rc.1+build.5', true],
    ['semver', '1.2', false],
    ['rfc3339', '2024-05-01 12:00:00+02:00', true],
    ['rfc3339', '2024-13-01T00:00:00Z', false],
    ['hash', '0123456789abcdef0123456789abcdef01234567', true],
    ['hash', '0123456789ABCDEF0123456789abcdef01234567', false],
    ['spdx', 'LicenseRef-acme', true],
    ['spdx', 'GPL-2.0+', true],
    ['spdx', 'AND MIT', false],
    ['email', 'a.b+c@sub.example.org', true],
    ['email', 'a@b', false],
    ['url', 'mailto:a@b.example', true],
  ];
  for (const [type, value, expected] of table) {
    it(`${type}: ${value} → ${expected}`, () => assert.equal(matchesLabelType(type, value), expected));
  }
});
