import type { Finding, RuleMeta } from '../../core/index.ts';
import { assertNever } from '../../core/index.ts';
import type { InlineSuppression, InlineSuppressionProblem } from '../inline.ts';
import { suppressionLocation } from '../inline.ts';
import { gateFinding } from './gate-finding.ts';

type MessageId = 'missingReason' | 'missingSelector' | 'noTarget';

/** The gate's own rule: a `# palisade-ignore` comment that waives nothing. It reads no artifact (target `gate`). */
export const invalidSuppressionRule: RuleMeta<MessageId> = Object.freeze({
  id: 'GATE-0002',
  slug: 'no-invalid-suppressions',
  title: 'Inline suppression comment is invalid',
  severity: 'low',
  kind: 'policy',
  stability: 'stable',
  since: '0.1.0',
  target: 'gate',
  description:
    'A `# palisade-ignore` comment lacks a rule, a reason, or a line to apply to. It waives nothing, so the finding it was meant for still counts, and a suppression without a reason cannot be reviewed.',
  remediation: 'Write the comment as `# palisade-ignore: <rule> <reason>` directly above, or at the end of, the line it waives.',
  references: ['https://github.com/palisade-dev/palisade/blob/main/docs/exceptions.md'],
  aliases: [],
  compliance: ['hipaa:164.308(a)(1)(ii)(B)'],
  packs: [],
  messages: {
    missingReason: 'The suppression of {selectors} gives no reason, so it waives nothing.',
    missingSelector: 'The suppression comment names no rule, so it waives nothing.',
    noTarget: 'The suppression of {selectors} has no line after it to apply to, so it waives nothing.',
  },
});

/** One `GATE-0002` finding per invalid suppression comment, in path and line order. */
export function invalidSuppressionFindings(suppressionsByPath: ReadonlyMap<string, readonly InlineSuppression[]>): Finding[] {
  return [...suppressionsByPath.keys()].sort().flatMap((path) => findingsIn(path, suppressionsByPath.get(path) ?? []));
}

/** Identical comments in one file get an ordinal, so their fingerprints differ without using line numbers. */
function findingsIn(path: string, suppressions: readonly InlineSuppression[]): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  for (const suppression of suppressions) {
    if (suppression.invalid === undefined) continue;
    const identity = `${suppression.scope}\n${suppression.selectors.join(',')}\n${suppression.invalid}`;
    const ordinal = seen.get(identity) ?? 0;
    seen.set(identity, ordinal + 1);
    findings.push(invalidSuppressionFinding(path, suppression, suppression.invalid, [identity, String(ordinal)]));
  }
  return findings;
}

function invalidSuppressionFinding(path: string, suppression: InlineSuppression, problem: InlineSuppressionProblem, identity: readonly string[]): Finding {
  return gateFinding(invalidSuppressionRule, {
    messageId: messageIdOf(problem),
    data: { selectors: suppression.selectors.join(', ') },
    location: suppressionLocation(path, suppression),
    identity: [path, ...identity],
  });
}

function messageIdOf(problem: InlineSuppressionProblem): MessageId {
  switch (problem) {
    case 'missing reason':
      return 'missingReason';
    case 'missing selector':
      return 'missingSelector';
    case 'no target line':
      return 'noTarget';
    default:
      return assertNever(problem, 'suppression problem');
  }
}
