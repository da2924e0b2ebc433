import type { Rule, RuleAlias, RuleMeta } from '../../core/index.ts';
import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { PssCheck } from './check.ts';
import { namespaceLabels } from './namespaces.ts';
import { podViewOf } from './pod.ts';
import type { PssOptions } from './policy.ts';
import { OPTION_LEVELS, PSS_DEFAULT_OPTIONS, VERSION_PATTERN, policyFromLabels, policyName, resolveMinor } from './policy.ts';
import { LATEST_MINOR, checkPodAt } from './registry.ts';

/** What a Pod Security rule declares; target, kind, packs, options and the `pss:` alias follow from its check. */
export type PodSecurityRuleMeta<MessageId extends string> = Omit<RuleMeta<MessageId>, 'target' | 'kind' | 'stability' | 'since' | 'packs' | 'options' | 'aliases'> & {
  /** Aliases of other tools; the `pss:<check id>` alias is added first. */
  readonly aliases: readonly RuleAlias[];
};

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    level: { type: 'string', enum: [...OPTION_LEVELS], description: 'Pod Security Standards level: baseline, or restricted (which includes baseline).' },
    version: { type: 'string', pattern: VERSION_PATTERN, description: 'Policy version: latest or v1.N (newer than the newest defined version means latest).' },
  },
} as const;

/**
 * A rule reporting one upstream check. It is a project rule: a Namespace of the scanned tree whose
 * `pod-security.kubernetes.io/enforce` (and `-version`) labels are set decides the level and version
 * for the objects in it; elsewhere the `level` and `version` options do.
 */
export function definePodSecurityRule<MessageId extends string>(check: PssCheck<MessageId>, meta: PodSecurityRuleMeta<MessageId>): Rule {
  return defineRule<KubernetesObjectArtifact, MessageId, PssOptions>({
    meta: {
      ...meta,
      target: 'kubernetes-object',
      kind: 'misconfig',
      stability: 'stable',
      since: '0.1.0',
      packs: check.level === 'baseline' ? ['pod-security', 'pss-baseline', 'pss-restricted'] : ['pod-security', 'pss-restricted'],
      aliases: [{ tool: 'pss', id: check.id, relation: 'same' }, ...meta.aliases],
      options: { schema: OPTIONS_SCHEMA, defaults: PSS_DEFAULT_OPTIONS },
    },
    checkProject(context, artifacts) {
      const namespaces = namespaceLabels(artifacts);
      for (const artifact of artifacts) {
        const pod = podViewOf(artifact.object);
        if (pod === undefined) continue;
        const namespace = artifact.ref.namespace;
        const policy = policyFromLabels(namespace === undefined ? undefined : namespaces.get(namespace), context.options);
        const checkPod = checkPodAt(check, policy.level, resolveMinor(policy.version, LATEST_MINOR));
        for (const violation of checkPod?.(pod) ?? []) {
          context.report({ artifact, messageId: violation.messageId, at: { pointer: violation.pointer }, data: { ...violation.data, policy: policyName(policy) } });
        }
      }
    },
  });
}
