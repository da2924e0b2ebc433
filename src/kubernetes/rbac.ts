import type { KubernetesObjectRef } from '../core/index.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { arrayAt, isJsonObject } from './json.ts';
import { apiGroupOf } from './workload.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One entry of a Role's or ClusterRole's `rules`, with its JSON pointer and its string lists. */
export interface PolicyRuleRef {
  readonly rule: JsonObject;
  /** 0-based position in `rules`. */
  readonly index: number;
  readonly pointer: string;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

/** A Role or ClusterRole of the RBAC API group. */
export function isRbacRole(ref: KubernetesObjectRef): boolean {
  return (ref.kind === 'Role' || ref.kind === 'ClusterRole') && apiGroupOf(ref.apiVersion) === RBAC_GROUP;
}

/** A RoleBinding or ClusterRoleBinding of the RBAC API group. */
export function isRbacBinding(ref: KubernetesObjectRef): boolean {
  return (ref.kind === 'RoleBinding' || ref.kind === 'ClusterRoleBinding') && apiGroupOf(ref.apiVersion) === RBAC_GROUP;
}

/** The policy rules of a Role or ClusterRole (none for other objects, or entries that are not objects). */
export function policyRulesOf(object: JsonObject): PolicyRuleRef[] {
  const result: PolicyRuleRef[] = [];
  const rules = arrayAt(object, 'rules');
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index];
    if (!isJsonObject(rule)) continue;
    result.push({
      rule,
      index,
      pointer: `/rules/${index}`,
      apiGroups: strings(arrayAt(rule, 'apiGroups')),
      resources: strings(arrayAt(rule, 'resources')),
      verbs: strings(arrayAt(rule, 'verbs')),
      resourceNames: strings(arrayAt(rule, 'resourceNames')),
    });
  }
  return result;
}

/** True when the rule applies to one of `groups` (`*` matches every group). */
export function appliesToGroup(rule: PolicyRuleRef, groups: readonly string[]): boolean {
  return rule.apiGroups.some((group) => group === '*' || groups.includes(group));
}

/**
 * True when the rule names one of `resources`: exactly, through `*`, or through a subresource wildcard
 * (`pods/` + `*` covers `pods/exec`; `*` + `/scale` covers `deployments/scale`).
 */
export function appliesToResource(rule: PolicyRuleRef, resources: readonly string[]): boolean {
  return rule.resources.some((granted) => resources.some((wanted) => resourceMatches(granted, wanted)));
}

function resourceMatches(granted: string, wanted: string): boolean {
  if (granted === '*' || granted === wanted) return true;
  // Base and subresource as `split('/', 2)` gives them, without its arrays (every rule of every Role meets every wanted resource).
  const grantedSlash = granted.indexOf('/');
  const wantedSlash = wanted.indexOf('/');
  if (grantedSlash === -1 || wantedSlash === -1) return false;
  const grantedBase = granted.slice(0, grantedSlash);
  const grantedSub = subresourceOf(granted, grantedSlash);
  return (grantedBase === '*' || grantedBase === wanted.slice(0, wantedSlash)) && (grantedSub === '*' || grantedSub === subresourceOf(wanted, wantedSlash));
}

/** What follows the first `/` up to the next one (or the end). */
function subresourceOf(resource: string, slash: number): string {
  const next = resource.indexOf('/', slash + 1);
  return next === -1 ? resource.slice(slash + 1) : resource.slice(slash + 1, next);
}

/** Index in `verbs` of the first verb among `wanted` (or `*`); -1 when none. */
export function grantedVerbIndex(rule: PolicyRuleRef, wanted: readonly string[]): number {
  return rule.verbs.findIndex((verb) => verb === '*' || wanted.includes(verb));
}

/** `Role "reader"` or `ClusterRole "admin"` for messages. */
export function describeObject(ref: KubernetesObjectRef): string {
  return `${ref.kind} "${ref.name ?? '(unnamed)'}"`;
}

/** Strings kept at their index (pointers stay right); anything else becomes a value no check matches. */
function strings(values: readonly JsonValue[]): string[] {
  return values.map((value) => (typeof value === 'string' ? value : '\u0000'));
}
