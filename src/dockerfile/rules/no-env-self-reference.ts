import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, KeyValuePair } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** `$NAME` or `${NAME…}` in a value, not `$NAMEMORE`. */
function references(value: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$\\{${escaped}(?:[:}+-])|\\$${escaped}(?![A-Za-z0-9_])`).test(value);
}

/** A pair of this ENV that uses a variable another pair of the same ENV defines (and nothing defined before). */
function selfReference(pairs: readonly KeyValuePair[], pair: KeyValuePair, defined: ReadonlySet<string>): string | undefined {
  const value = pair.value ?? '';
  // Every reference starts with `$`: most values have none, and need no regular expression per other pair.
  if (!value.includes('$')) return undefined;
  return pairs.find((other) => other !== pair && !defined.has(other.key) && references(value, other.key))?.key;
}

export const noEnvSelfReference = defineRule<DockerfileArtifact, 'sameEnv'>({
  meta: {
    id: 'DKR-0022',
    slug: 'no-env-self-reference',
    title: 'ENV uses a variable defined in the same ENV',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'All values of one ENV instruction are expanded before any of its variables is set, so `ENV A=1 B=$A` sets B to the old (usually empty) value of A, not to 1.',
    remediation: 'Define the variable in an earlier ENV (or ARG) instruction and reference it in a later one.',
    references: ['https://docs.docker.com/reference/dockerfile/#env', 'https://github.com/hadolint/hadolint/wiki/DL3044'],
    aliases: [{ tool: 'hadolint', id: 'DL3044', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: { sameEnv: '"{key}" uses ${name}, which the same ENV defines; it expands to the value from before this instruction.' },
  },
  check(context, dockerfile) {
    // hadolint's semantics: any ENV or ARG earlier in the file counts as defined.
    const defined = new Set<string>();
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind === 'arg') for (const pair of instruction.pairs) defined.add(pair.key);
      if (instruction.kind !== 'env') continue;
      for (const pair of instruction.pairs) {
        const name = selfReference(instruction.pairs, pair, defined);
        if (name !== undefined && pair.valueRange !== undefined) context.report({ messageId: 'sameEnv', at: { range: pair.valueRange }, data: { key: pair.key, name } });
      }
      for (const pair of instruction.pairs) defined.add(pair.key);
    }
  },
});
