import type { JsonObject } from '../kubernetes/json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../kubernetes/json.ts';
import { RBAC_GROUP } from '../kubernetes/rbac.ts';
import { apiGroupOf } from '../kubernetes/workload.ts';
import type { AccessRequest, Capability } from './capabilities.ts';
import { CAPABILITIES } from './capabilities.ts';
import type { PolicyRule, RoleDefinition } from './roles.ts';
import { resolveRoles } from './roles.ts';

export interface Subject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  readonly namespace?: string;
}

/** A named object, as `Kind/name` or `Kind/namespace/name`, with where it came from when known. */
export interface ObjectName {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly origin?: string;
}

/** One way a subject holds a capability. */
export interface Grant {
  readonly capability: string;
  /** The namespace the grant holds in, or `*` for every namespace and the cluster scope. */
  readonly scope: string;
  readonly binding: ObjectName;
  readonly role: ObjectName;
  /** Set when the rule names the objects it applies to: the grant is limited to them. */
  readonly resourceNames?: readonly string[];
}

export interface SubjectAccess {
  readonly subject: Subject;
  readonly grants: readonly Grant[];
}

export interface WhoCanResult {
  /** Every subject of a binding that holds at least one capability, sorted by kind, namespace and name. */
  readonly subjects: readonly SubjectAccess[];
  /** Bindings whose role is not among the objects (the grant cannot be assessed). */
  readonly unresolved: readonly { readonly binding: ObjectName; readonly roleRef: string }[];
}

/** An RBAC object to analyse, with where it came from (`path:line`) for the report. */
export interface RbacInput {
  readonly object: JsonObject;
  readonly origin?: string;
}

/**
 * Who can do what: for every subject of a RoleBinding or ClusterRoleBinding, the sensitive
 * capabilities its roles grant, and where. Follows the API server's RBAC authoriser: `*` matches every
 * group, resource and verb; `*`/subresource matches that subresource of any resource; a RoleBinding
 * grants namespaced resources in its own namespace only; rules with resourceNames never allow create;
 * aggregated ClusterRoles collect the rules of the ClusterRoles their selectors match.
 */
export function analyseWhoCan(inputs: readonly RbacInput[], capabilities: readonly Capability[] = CAPABILITIES): WhoCanResult {
  const roles = resolveRoles(inputs);
  const bySubject = new Map<string, { subject: Subject; grants: Grant[] }>();
  const unresolved: { binding: ObjectName; roleRef: string }[] = [];
  for (const { object, origin } of inputs) {
    const binding = bindingOf(object, origin);
    if (binding === undefined) continue;
    const role = roles.get(binding.roleKey);
    if (role === undefined) {
      unresolved.push({ binding: binding.name, roleRef: binding.roleKey });
      continue;
    }
    const grants = capabilities.flatMap((capability) => grantsOf(capability, role, binding));
    if (grants.length === 0) continue;
    for (const subject of binding.subjects) {
      const key = subjectKey(subject);
      const entry = bySubject.get(key) ?? { subject, grants: [] };
      entry.grants.push(...grants);
      bySubject.set(key, entry);
    }
  }
  const subjects = [...bySubject.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  return { subjects, unresolved };
}

/** `User:alice`, `Group:devs`, `ServiceAccount:shop/orders`. */
export function subjectKey(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount:${subject.namespace ?? ''}/${subject.name}` : `${subject.kind}:${subject.name}`;
}

interface Binding {
  readonly name: ObjectName;
  readonly roleKey: string;
  readonly scope: string;
  readonly subjects: readonly Subject[];
}

function bindingOf(object: JsonObject, origin: string | undefined): Binding | undefined {
  const kind = stringAt(object, 'kind');
  if ((kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') || apiGroupOf(stringAt(object, 'apiVersion') ?? '') !== RBAC_GROUP) return undefined;
  const metadata = objectAt(object, 'metadata');
  const name = (metadata === undefined ? undefined : stringAt(metadata, 'name')) ?? '(unnamed)';
  const namespace = kind === 'RoleBinding' ? ((metadata === undefined ? undefined : stringAt(metadata, 'namespace')) ?? 'default') : undefined;
  const roleRef = objectAt(object, 'roleRef');
  const roleKind = roleRef === undefined ? undefined : stringAt(roleRef, 'kind');
  const roleName = roleRef === undefined ? undefined : stringAt(roleRef, 'name');
  const roleKey = roleKind === 'Role' && namespace !== undefined ? `Role/${namespace}/${roleName ?? ''}` : `${roleKind ?? '?'}/${roleName ?? ''}`;
  return {
    name: { kind, name, ...(namespace === undefined ? {} : { namespace }), ...(origin === undefined ? {} : { origin }) },
    roleKey,
    scope: namespace ?? '*',
    subjects: arrayAt(object, 'subjects').flatMap((entry) => (isJsonObject(entry) ? subjectOf(entry, namespace) : [])),
  };
}

function subjectOf(entry: JsonObject, bindingNamespace: string | undefined): Subject[] {
  const kind = stringAt(entry, 'kind');
  const name = stringAt(entry, 'name');
  if (name === undefined) return [];
  if (kind === 'User' || kind === 'Group') return [{ kind, name }];
  if (kind !== 'ServiceAccount') return [];
  const namespace = stringAt(entry, 'namespace') ?? bindingNamespace;
  return [{ kind, name, ...(namespace === undefined ? {} : { namespace }) }];
}

function grantsOf(capability: Capability, role: RoleDefinition, binding: Binding): Grant[] {
  const grants: Grant[] = [];
  for (const rule of role.rules) {
    const allowed = capability.requests.find((request) => (binding.scope === '*' || request.clusterScoped !== true) && ruleAllows(rule, request));
    if (allowed === undefined) continue;
    grants.push({
      capability: capability.id,
      scope: binding.scope,
      binding: binding.name,
      role: role.name,
      ...(rule.resourceNames.length === 0 ? {} : { resourceNames: rule.resourceNames }),
    });
    if (rule.resourceNames.length === 0) break;
  }
  return grants;
}

/** The API server's RBAC rule match (rbac/v1 helpers: APIGroupMatches, ResourceMatches, VerbMatches). */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!rule.apiGroups.some((group) => group === '*' || group === request.apiGroup)) return false;
  const combined = request.subresource === undefined ? request.resource : `${request.resource}/${request.subresource}`;
  const resourceMatches = rule.resources.some((resource) => resource === '*' || resource === combined || (request.subresource !== undefined && resource === `*/${request.subresource}`));
  if (!resourceMatches) return false;
  // A create request has no object name yet, so a rule limited to resourceNames never allows it.
  const verbs = rule.resourceNames.length === 0 ? request.verbs : request.verbs.filter((verb) => verb !== 'create');
  if (verbs.length === 0) return false;
  return rule.verbs.some((verb) => verb === '*' || verbs.includes(verb));
}
