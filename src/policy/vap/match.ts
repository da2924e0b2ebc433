import type { JsonValue } from '../../kubernetes/index.ts';
import { isJsonArray, isJsonObject } from '../../kubernetes/index.ts';
import type { MatchResources, ResourceRule } from './model.ts';
import type { AdmissionTarget } from './request.ts';
import type { GroupVersionResource, ResourceCatalog } from './resources.ts';
import type { SpecProblem } from '../../kubernetes/label-selector.ts';
import { parseLabelSelector, selectorMatches } from '../../kubernetes/label-selector.ts';

/** Reads `matchConstraints` / a binding's `matchResources`. */
export function parseMatchResources(value: JsonValue | undefined, pointer: string, problems: SpecProblem[]): MatchResources {
  const match = isJsonObject(value) ? value : {};
  if (value !== undefined && value !== null && !isJsonObject(value)) problems.push({ pointer, message: 'must be an object' });
  const matchPolicy = match['matchPolicy'] ?? 'Equivalent';
  if (matchPolicy !== 'Equivalent' && matchPolicy !== 'Exact') problems.push({ pointer: `${pointer}/matchPolicy`, message: 'matchPolicy must be Equivalent or Exact' });
  return {
    namespaceSelector: parseLabelSelector(match['namespaceSelector'], `${pointer}/namespaceSelector`, problems),
    objectSelector: parseLabelSelector(match['objectSelector'], `${pointer}/objectSelector`, problems),
    resourceRules: parseRules(match['resourceRules'], `${pointer}/resourceRules`, problems),
    excludeResourceRules: parseRules(match['excludeResourceRules'], `${pointer}/excludeResourceRules`, problems),
    matchPolicy: matchPolicy === 'Exact' ? 'Exact' : 'Equivalent',
  };
}

function parseRules(value: JsonValue | undefined, pointer: string, problems: SpecProblem[]): ResourceRule[] {
  if (value === undefined || value === null) return [];
  if (!isJsonArray(value)) {
    problems.push({ pointer, message: 'must be a list' });
    return [];
  }
  return value.flatMap((item, index) => {
    if (!isJsonObject(item)) {
      problems.push({ pointer: `${pointer}/${index}`, message: 'a rule must be an object' });
      return [];
    }
    const scope = item['scope'] ?? '*';
    if (scope !== '*' && scope !== 'Cluster' && scope !== 'Namespaced') problems.push({ pointer: `${pointer}/${index}/scope`, message: 'scope must be *, Cluster or Namespaced' });
    const list = (key: string): string[] => (isJsonArray(item[key]) ? item[key].filter((entry): entry is string => typeof entry === 'string') : []);
    return [{ apiGroups: list('apiGroups'), apiVersions: list('apiVersions'), resources: list('resources'), operations: list('operations'), scope: typeof scope === 'string' ? scope : '*', resourceNames: list('resourceNames') }];
  });
}

const matchKeys = new WeakMap<MatchResources, string>();

/**
 * A text equal for match criteria that say the same (policies exported from one source often share
 * them): `matchesResources` of equal keys on one target gives one answer, so it can be asked once.
 */
export function matchKeyOf(match: MatchResources): string {
  let key = matchKeys.get(match);
  if (key === undefined) {
    key = JSON.stringify(match);
    matchKeys.set(match, key);
  }
  return key;
}

/** Labels of the Namespace objects of the scan, by name. */
export type NamespaceLabels = (name: string) => Readonly<Record<string, string>>;

/**
 * Whether a request for `target` matches, as the API server's matcher decides: namespace selector
 * (cluster-scoped objects other than Namespaces always pass), object selector, excluded rules, then
 * resource rules (none: everything), with `matchPolicy: Equivalent` also trying equivalent resources.
 */
export function matchesResources(match: MatchResources, target: AdmissionTarget, namespaceLabels: NamespaceLabels, catalog: ResourceCatalog): boolean {
  if (!namespaceMatches(match, target, namespaceLabels)) return false;
  if (!selectorMatches(match.objectSelector, target.labels)) return false;
  if (rulesMatch(match.excludeResourceRules, match.matchPolicy, target, catalog)) return false;
  return match.resourceRules.length === 0 || rulesMatch(match.resourceRules, match.matchPolicy, target, catalog);
}

function namespaceMatches(match: MatchResources, target: AdmissionTarget, namespaceLabels: NamespaceLabels): boolean {
  const isNamespace = target.resource.resource === 'namespaces' && target.resource.group === '';
  if (target.namespace === '' && !isNamespace) return true;
  const labels = isNamespace ? target.labels : namespaceLabels(target.namespace);
  return selectorMatches(match.namespaceSelector, labels);
}

function rulesMatch(rules: readonly ResourceRule[], matchPolicy: 'Equivalent' | 'Exact', target: AdmissionTarget, catalog: ResourceCatalog): boolean {
  if (rules.some((rule) => ruleMatches(rule, target.resource, target))) return true;
  if (matchPolicy === 'Exact') return false;
  // The first is the request's own resource, tried above.
  return catalog.equivalents(target.resource, target.kind.kind).some((equivalent, index) => index > 0 && rules.some((rule) => ruleMatches(rule, equivalent, target)));
}

function ruleMatches(rule: ResourceRule, gvr: GroupVersionResource, target: AdmissionTarget): boolean {
  if (!scopeMatches(rule.scope, target)) return false;
  if (!matchesOrStar(rule.operations, 'CREATE')) return false;
  if (!matchesOrStar(rule.apiGroups, gvr.group) || !matchesOrStar(rule.apiVersions, gvr.version)) return false;
  const resourceMatches = rule.resources.some((entry) => resourceEntryMatches(entry, gvr.resource));
  return resourceMatches && (rule.resourceNames.length === 0 || rule.resourceNames.includes(target.name));
}

/** `resources` entry `resource`, `resource/*` or `*` (with `/*`) names the request's resource without a subresource. */
function resourceEntryMatches(entry: string, resource: string): boolean {
  if (entry === resource || entry === '*') return true;
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const name = entry.slice(0, slash);
  const subresource = entry.slice(slash + 1);
  const sub = subresource.indexOf('/') < 0 ? subresource : subresource.slice(0, subresource.indexOf('/'));
  return (name === '*' || name === resource) && (sub === '' || sub === '*');
}

function scopeMatches(scope: string, target: AdmissionTarget): boolean {
  const isNamespace = target.resource.resource === 'namespaces' && target.resource.group === '';
  if (scope === 'Namespaced') return !isNamespace && target.namespace !== '';
  if (scope === 'Cluster') return isNamespace || target.namespace === '';
  return true;
}

function matchesOrStar(values: readonly string[], value: string): boolean {
  return values.includes('*') || values.includes(value);
}
