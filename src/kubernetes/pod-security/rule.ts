import type { Rule, RuleAlias, RuleMeta } from '../../core/index.ts';
import { defineRule } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { CheckPod, PssCheck } from './check.ts';
import { namespaceLabels } from './namespaces.ts';
import type { PodView } from './pod.ts';
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
      const { namespaces, pods } = podsOf(artifacts);
      // The check in force per policy (level and version), looked up once rather than once per pod.
      const inForce = new Map<string, CheckPod<MessageId> | undefined>();
      for (const { artifact, pod } of pods) {
        const namespace = artifact.ref.namespace;
        const policy = policyFromLabels(namespace === undefined ? undefined : namespaces.get(namespace), context.options);
        const name = policyName(policy);
        if (!inForce.has(name)) inForce.set(name, checkPodAt(check, policy.level, resolveMinor(policy.version, LATEST_MINOR)));
        const checkPod = inForce.get(name);
        for (const violation of checkPod?.(pod) ?? []) {
          context.report({ artifact, messageId: violation.messageId, at: { pointer: violation.pointer }, data: { ...violation.data, policy: name } });
        }
      }
    },
  });
}

interface ScannedPods {
  readonly artifacts: readonly KubernetesObjectArtifact[];
  readonly namespaces: ReadonlyMap<string, JsonObject>;
  /** The pod-bearing objects, in the order of `artifacts`. */
  readonly pods: readonly { readonly artifact: KubernetesObjectArtifact; readonly pod: PodView }[];
}

/** Keyed by the first object, so that nothing is kept once the scan's objects are gone. */
const scannedByFirst = new WeakMap<KubernetesObjectArtifact, ScannedPods>();

/**
 * The namespaces and pods of the scanned objects, found once for the nineteen Pod Security rules
 * that each receive the same objects (in a fresh array each: compared element by element).
 */
function podsOf(artifacts: readonly KubernetesObjectArtifact[]): ScannedPods {
  const first = artifacts[0];
  const cached = first === undefined ? undefined : scannedByFirst.get(first);
  if (cached !== undefined && sameArtifacts(cached.artifacts, artifacts)) return cached;
  const pods: { readonly artifact: KubernetesObjectArtifact; readonly pod: PodView }[] = [];
  for (const artifact of artifacts) {
    const pod = podViewOf(artifact.object);
    if (pod !== undefined) pods.push({ artifact, pod });
  }
  const scanned = { artifacts: [...artifacts], namespaces: namespaceLabels(artifacts), pods };
  if (first !== undefined) scannedByFirst.set(first, scanned);
  return scanned;
}

function sameArtifacts(a: readonly KubernetesObjectArtifact[], b: readonly KubernetesObjectArtifact[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
