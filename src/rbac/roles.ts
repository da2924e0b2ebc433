import type { JsonObject, JsonValue } from '../kubernetes/json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../kubernetes/json.ts';
import { RBAC_GROUP } from '../kubernetes/rbac.ts';
import { apiGroupOf } from '../kubernetes/workload.ts';
import type { LabelSelector } from '../kubernetes/label-selector.ts';
import { labelsOf, parseLabelSelector, selectorMatches } from '../kubernetes/label-selector.ts';
import type { ObjectName, RbacInput } from './who-can.ts';

/** One rule of a Role or ClusterRole, its string lists only (non-strings never match). */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

export interface RoleDefinition {
  readonly name: ObjectName;
  readonly rules: readonly PolicyRule[];
}

interface RoleSource {
  readonly name: ObjectName;
  readonly own: readonly PolicyRule[];
  readonly labels: Readonly<Record<string, string>>;
  /** The `aggregationRule`'s selectors; a malformed one matches nothing, as the API server refuses it. */
  readonly selectors: readonly (LabelSelector | undefined)[];
}

/** cluster-admin is built into every cluster; manifests bind it without defining it. */
const BUILT_IN: readonly RoleDefinition[] = [{ name: { kind: 'ClusterRole', name: 'cluster-admin', origin: '(built in)' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [] }] }];

/**
 * Roles by `Role/<namespace>/<name>` and `ClusterRole/<name>`, with aggregated ClusterRoles holding
 * their own rules plus those of every ClusterRole their `aggregationRule` selects (transitively, as the
 * aggregation controller converges).
 */
export function resolveRoles(inputs: readonly RbacInput[]): Map<string, RoleDefinition> {
  const sources = inputs.flatMap(({ object, origin }) => roleSourceOf(object, origin));
  const clusterRoles = sources.filter((source) => source.name.kind === 'ClusterRole');
  const roles = new Map<string, RoleDefinition>(BUILT_IN.map((role) => [keyOf(role.name), role]));
  for (const source of sources) {
    const rules = source.selectors.length === 0 ? source.own : aggregate(source, clusterRoles);
    roles.set(keyOf(source.name), { name: source.name, rules });
  }
  return roles;
}

function keyOf(name: ObjectName): string {
  return name.namespace === undefined ? `${name.kind}/${name.name}` : `${name.kind}/${name.namespace}/${name.name}`;
}

function roleSourceOf(object: JsonObject, origin: string | undefined): RoleSource[] {
  const kind = stringAt(object, 'kind');
  if ((kind !== 'Role' && kind !== 'ClusterRole') || apiGroupOf(stringAt(object, 'apiVersion') ?? '') !== RBAC_GROUP) return [];
  const metadata = objectAt(object, 'metadata') ?? {};
  const namespace = kind === 'Role' ? (stringAt(metadata, 'namespace') ?? 'default') : undefined;
  const name: ObjectName = { kind, name: stringAt(metadata, 'name') ?? '(unnamed)', ...(namespace === undefined ? {} : { namespace }), ...(origin === undefined ? {} : { origin }) };
  const aggregation = kind === 'ClusterRole' ? objectAt(object, 'aggregationRule') : undefined;
  const selectors = aggregation === undefined ? [] : arrayAt(aggregation, 'clusterRoleSelectors').map((selector, index) => parseLabelSelector(selector, `/aggregationRule/clusterRoleSelectors/${index}`, []));
  return [{ name, own: rulesOf(object), labels: labelsOf(object), selectors }];
}

function rulesOf(object: JsonObject): PolicyRule[] {
  return arrayAt(object, 'rules')
    .filter(isJsonObject)
    .map((rule) => ({ apiGroups: strings(arrayAt(rule, 'apiGroups')), resources: strings(arrayAt(rule, 'resources')), verbs: strings(arrayAt(rule, 'verbs')), resourceNames: strings(arrayAt(rule, 'resourceNames')) }));
}

function strings(values: readonly JsonValue[]): string[] {
  return values.filter((value) => typeof value === 'string');
}

/** Own rules plus the rules of every selected ClusterRole, following aggregations breadth-first (cycles end). */
function aggregate(root: RoleSource, clusterRoles: readonly RoleSource[]): PolicyRule[] {
  const rules = [...root.own];
  const seen = new Set<RoleSource>([root]);
  const queue: RoleSource[] = [root];
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    for (const candidate of clusterRoles) {
      if (seen.has(candidate) || !source.selectors.some((selector) => selectorMatches(selector, candidate.labels))) continue;
      seen.add(candidate);
      rules.push(...candidate.own);
      queue.push(candidate);
    }
  }
  return rules;
}
