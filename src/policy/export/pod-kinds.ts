/**
 * The pod-bearing kinds (those whose pod spec Palisade's Kubernetes rules read) and the CEL variables
 * every exported pod policy declares, so a rule's CEL twin reads `variables.podSpec`,
 * `variables.podMetadata` and `variables.containers` whatever the kind.
 */

export interface KindRef {
  readonly apiGroup: string;
  readonly kind: string;
}

/** Mirrors src/kubernetes/workload.ts (kinds and groups). */
export const POD_KINDS: readonly KindRef[] = [
  { apiGroup: '', kind: 'Pod' },
  { apiGroup: '', kind: 'PodTemplate' },
  { apiGroup: '', kind: 'ReplicationController' },
  { apiGroup: 'apps', kind: 'Deployment' },
  { apiGroup: 'apps', kind: 'ReplicaSet' },
  { apiGroup: 'apps', kind: 'DaemonSet' },
  { apiGroup: 'apps', kind: 'StatefulSet' },
  { apiGroup: 'extensions', kind: 'Deployment' },
  { apiGroup: 'extensions', kind: 'ReplicaSet' },
  { apiGroup: 'extensions', kind: 'DaemonSet' },
  { apiGroup: 'batch', kind: 'Job' },
  { apiGroup: 'batch', kind: 'CronJob' },
];

export interface PolicyVariable {
  readonly name: string;
  readonly expression: string;
}

const TEMPLATE_PATH = (field: 'spec' | 'metadata', end: string): string =>
  `object.kind == 'Pod' ? object.?${field}${end} : ` +
  `object.kind == 'PodTemplate' ? object.?template.?${field}${end} : ` +
  `object.kind == 'CronJob' ? object.?spec.?jobTemplate.?spec.?template.?${field}${end} : ` +
  `object.?spec.?template.?${field}${end}`;

/** In declaration order: a variable may read the ones before it. */
export const POD_VARIABLES: readonly PolicyVariable[] = [
  { name: 'hasPodSpec', expression: TEMPLATE_PATH('spec', '.hasValue()') },
  { name: 'podSpec', expression: TEMPLATE_PATH('spec', '.orValue({})') },
  { name: 'podMetadata', expression: TEMPLATE_PATH('metadata', '.orValue({})') },
  {
    name: 'containers',
    expression:
      'variables.podSpec.?initContainers.orValue([]) + variables.podSpec.?containers.orValue([]) + variables.podSpec.?ephemeralContainers.orValue([])',
  },
];

/** Kinds whose resource name is the kind itself, lower-cased. */
const ALREADY_PLURAL: ReadonlySet<string> = new Set(['endpoints', 'securitycontextconstraints']);

/** The plural resource name of a kind (`NetworkPolicy` → `networkpolicies`). */
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (ALREADY_PLURAL.has(lower)) return lower;
  if (lower.endsWith('s') || lower.endsWith('x')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
