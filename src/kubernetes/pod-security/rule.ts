import type { Rule, RuleAlias, RuleMeta } from '../../core/index.ts';
import { defineRule, recentMemo } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { CheckPod, PssCheck } from './check.ts';
import { declaredNamespace } from './namespaces.ts';
import type { PodView } from './pod.ts';
import { podViewOf } from './pod.ts';
import type { PssOptions, PssPolicy } from './policy.ts';
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
  const inForce = checksInForce(check);
  return defineRule<KubernetesObjectArtifact, MessageId, PssOptions, PodSecurityFact>({
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
    collect: podSecurityFact,
    checkProject(context, facts) {
      const { namespaces, pods } = scannedPods(facts);
      for (const { artifact, pod } of pods) {
        const namespace = artifact.ref.namespace;
        const policy = policyFromLabels(namespace === undefined ? undefined : namespaces.get(namespace), context.options);
        const violations = inForce(policy)?.(pod) ?? [];
        if (violations.length === 0) continue;
        const name = policyName(policy);
        for (const violation of violations) {
          context.report({ artifact, messageId: violation.messageId, at: { pointer: violation.pointer }, data: { ...violation.data, policy: name } });
        }
      }
    },
  });
}

/** Policy names kept per rule (names come from Namespace labels: many distinct versions start the table again). */
const MAX_POLICIES_IN_FORCE = 64;

/**
 * The check in force for a policy (level and version): worked out once per rule and policy, not per
 * scan (a webhook asks for every request), since it depends on nothing else. The last policy asked
 * is compared first (most scans, and every request of a webhook, use one policy).
 */
function checksInForce<MessageId extends string>(check: PssCheck<MessageId>): (policy: PssPolicy) => CheckPod<MessageId> | undefined {
  const byName = new Map<string, CheckPod<MessageId> | undefined>();
  let last: { readonly level: string; readonly version: string; readonly checkPod: CheckPod<MessageId> | undefined } | undefined;
  return (policy) => {
    if (last !== undefined && last.level === policy.level && last.version === policy.version) return last.checkPod;
    const name = policyName(policy);
    const checkPod = byName.has(name) ? byName.get(name) : checkPodAt(check, policy.level, resolveMinor(policy.version, LATEST_MINOR));
    if (!byName.has(name)) {
      if (byName.size >= MAX_POLICIES_IN_FORCE) byName.clear();
      byName.set(name, checkPod);
    }
    last = { level: policy.level, version: policy.version, checkPod };
    return checkPod;
  };
}

/** What a Pod Security rule keeps of an object: a pod-bearing object with its pod, or a Namespace's labels. */
type PodSecurityFact = PodFact | { readonly namespace: string; readonly labels: JsonObject };

interface PodFact {
  readonly artifact: KubernetesObjectArtifact;
  readonly pod: PodView;
}

/** One fact per object, shared by the Pod Security rules (each takes the same objects in turn). */
const podSecurityFact = recentMemo(8, (artifact: KubernetesObjectArtifact): PodSecurityFact | undefined => {
  const pod = podViewOf(artifact.object);
  const declared = pod === undefined ? declaredNamespace(artifact) : undefined;
  return pod !== undefined ? { artifact, pod } : declared === undefined ? undefined : { namespace: declared.name, labels: declared.labels };
});

interface ScannedPods {
  /** Labels of the scanned Namespaces by name; a name declared twice keeps its last declaration. */
  readonly namespaces: ReadonlyMap<string, JsonObject>;
  /** The pod-bearing objects, in scan order. */
  readonly pods: readonly PodFact[];
}

/** The last facts sorted out (the nineteen rules ask in turn), held until other facts come. */
let lastScanned: { readonly facts: readonly PodSecurityFact[]; readonly scanned: ScannedPods } | undefined;

/**
 * The namespaces and pods of a scan's facts, sorted out once for the nineteen Pod Security rules
 * that each receive the same facts (in an array of their own: compared element by element).
 */
function scannedPods(facts: readonly PodSecurityFact[]): ScannedPods {
  if (lastScanned !== undefined && sameFacts(lastScanned.facts, facts)) return lastScanned.scanned;
  const namespaces = new Map<string, JsonObject>();
  const pods: PodFact[] = [];
  for (const fact of facts) {
    if ('pod' in fact) pods.push(fact);
    else namespaces.set(fact.namespace, fact.labels);
  }
  const scanned = { namespaces, pods };
  lastScanned = { facts: [...facts], scanned };
  return scanned;
}

function sameFacts(a: readonly PodSecurityFact[], b: readonly PodSecurityFact[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
