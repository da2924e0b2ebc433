// metav1.LabelSelector: read (with problems at JSON pointers) and matched against labels. Shared by the
// policy engine (ValidatingAdmissionPolicy matching) and RBAC (ClusterRole aggregation).
import type { JsonObject, JsonValue } from './json.ts';
import { isJsonArray, isJsonObject } from './json.ts';

/** A label selector (`matchLabels` and `matchExpressions`), already validated. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly LabelRequirement[];
}

export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A problem in a policy document, at a JSON pointer inside the object. */
export interface SpecProblem {
  readonly pointer: string;
  readonly message: string;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Reads a `metav1.LabelSelector`. Absent or null: undefined (matches everything). A malformed
 * selector adds a problem and yields a selector that matches nothing, as the API server refuses it.
 */
export function parseLabelSelector(value: JsonValue | undefined, pointer: string, problems: SpecProblem[]): LabelSelector | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) {
    problems.push({ pointer, message: 'a label selector must be an object' });
    return NOTHING;
  }
  const before = problems.length;
  const matchLabels = stringMap(value['matchLabels'], `${pointer}/matchLabels`, problems);
  const matchExpressions: LabelRequirement[] = [];
  const expressions = value['matchExpressions'];
  if (expressions !== undefined && expressions !== null && !isJsonArray(expressions)) problems.push({ pointer: `${pointer}/matchExpressions`, message: 'matchExpressions must be a list' });
  if (isJsonArray(expressions)) {
    expressions.forEach((item, index) => {
      const requirement = parseRequirement(item, `${pointer}/matchExpressions/${index}`, problems);
      if (requirement !== undefined) matchExpressions.push(requirement);
    });
  }
  return problems.length > before ? NOTHING : { matchLabels, matchExpressions };
}

/** Matches no label set (a selector the API server would reject). */
const NOTHING: LabelSelector = { matchLabels: {}, matchExpressions: [{ key: '', operator: 'In', values: [] }] };

function parseRequirement(item: JsonValue, pointer: string, problems: SpecProblem[]): LabelRequirement | undefined {
  if (!isJsonObject(item)) {
    problems.push({ pointer, message: 'a match expression must be an object' });
    return undefined;
  }
  const key = item['key'];
  const operator = OPERATORS.find((candidate) => candidate === item['operator']);
  if (typeof key !== 'string' || key === '') {
    problems.push({ pointer: `${pointer}/key`, message: 'key must be a non-empty string' });
    return undefined;
  }
  if (operator === undefined) {
    problems.push({ pointer: `${pointer}/operator`, message: `operator must be one of ${OPERATORS.join(', ')}` });
    return undefined;
  }
  const values = stringList(item['values']);
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues !== values.length > 0) {
    problems.push({ pointer: `${pointer}/values`, message: needsValues ? `values must be non-empty for ${operator}` : `values must be empty for ${operator}` });
    return undefined;
  }
  return { key, operator, values };
}

function stringMap(value: JsonValue | undefined, pointer: string, problems: SpecProblem[]): Record<string, string> {
  const result: Record<string, string> = {};
  if (value === undefined || value === null) return result;
  if (!isJsonObject(value)) {
    problems.push({ pointer, message: 'matchLabels must be a map of strings' });
    return result;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') result[key] = item;
    else problems.push({ pointer: `${pointer}/${key}`, message: `label "${key}" must be a string` });
  }
  return result;
}

function stringList(value: JsonValue | undefined): string[] {
  return isJsonArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** True when every `matchLabels` entry and every requirement holds; an undefined selector matches everything. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return true;
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  return selector.matchExpressions.every((requirement) => requirementMatches(requirement, labels));
}

function requirementMatches(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return has && value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return !has || value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** The string labels of an object's `metadata.labels`. */
export function labelsOf(object: JsonObject): Record<string, string> {
  const metadata = object['metadata'];
  const labels = isJsonObject(metadata) ? metadata['labels'] : undefined;
  const result: Record<string, string> = {};
  if (!isJsonObject(labels)) return result;
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string') result[key] = value;
  return result;
}
