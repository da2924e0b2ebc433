import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprint } from '../../core/index.ts';
import { parseInlineSuppressions } from '../inline.ts';
import { invalidSuppressionFindings, invalidSuppressionRule } from './no-invalid-suppressions.ts';

const COMMON = {
  ruleId: 'GATE-0002',
  slug: 'no-invalid-suppressions',
  aliases: [],
  kind: 'policy',
  severity: 'low',
  title: 'Inline suppression comment is invalid',
  compliance: [],
  remediation: 'Write the comment as `# palisade-ignore: <rule> <reason>` directly above, or at the end of, the line it waives.',
  helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-invalid-suppressions.md',
} as const;

describe('invalidSuppressionFindings', () => {
  it('reports each invalid comment at the comment, in path and line order; valid ones not at all', () => {
    const byPath = new Map([
      ['z/Dockerfile', parseInlineSuppressions('FROM x # palisade-ignore: DKR-0001\n# palisade-ignore: DKR-0002 fine\nUSER root\n')],
      ['a.yaml', parseInlineSuppressions('# palisade-ignore:\nkind: Pod\n# palisade-ignore: K8S-0001,K8S-0002 reason\n')],
    ]);
    assert.deepEqual(invalidSuppressionFindings(byPath), [
      {
        ...COMMON,
        messageId: 'missingSelector',
        message: 'The suppression comment names no rule, so it waives nothing.',
        location: { path: 'a.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 19 },
        fingerprint: fingerprint(['GATE-0002', 'a.yaml', 'line\n\nmissing selector', '0']),
      },
      {
        ...COMMON,
        messageId: 'noTarget',
        message: 'The suppression of K8S-0001, K8S-0002 has no line after it to apply to, so it waives nothing.',
        location: { path: 'a.yaml', startLine: 3, startColumn: 1, endLine: 3, endColumn: 44 },
        fingerprint: fingerprint(['GATE-0002', 'a.yaml', 'line\nK8S-0001,K8S-0002\nno target line', '0']),
      },
      {
        ...COMMON,
        messageId: 'missingReason',
        message: 'The suppression of DKR-0001 gives no reason, so it waives nothing.',
        location: { path: 'z/Dockerfile', startLine: 1, startColumn: 8, endLine: 1, endColumn: 35 },
        fingerprint: fingerprint(['GATE-0002', 'z/Dockerfile', 'line\nDKR-0001\nmissing reason', '0']),
      },
    ]);
  });

  it('keeps fingerprints of identical comments in one file distinct, and stable when lines move', () => {
    const first = invalidSuppressionFindings(new Map([['Dockerfile', parseInlineSuppressions('# palisade-ignore: DKR-0001\nFROM a\n# palisade-ignore: DKR-0001\nFROM b\n')]]));
    const moved = invalidSuppressionFindings(new Map([['Dockerfile', parseInlineSuppressions('\n\n# palisade-ignore: DKR-0001\nFROM a\n# palisade-ignore: DKR-0001\nFROM b\n')]]));
    assert.equal(new Set(first.map((finding) => finding.fingerprint)).size, 2);
    assert.deepEqual(moved.map((finding) => finding.fingerprint), first.map((finding) => finding.fingerprint));
  });

  it('has a message for every problem', () => {
    assert.deepEqual(Object.keys(invalidSuppressionRule.messages).sort(), ['missingReason', 'missingSelector', 'noTarget']);
  });
});
