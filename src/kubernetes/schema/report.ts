import type { MessageData, SourceRange } from '../../core/index.ts';
import { editDistance, parseJsonPointer, toJsonPointer } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { Violation } from './violations.ts';
import { valueAt } from './violations.ts';

/** The message of each violation kind; rules that validate objects share them. */
export const VIOLATION_MESSAGES = {
  wrongType: 'Field "{field}" must be {expected}, not {actual}.',
  missingRequired: '{parent} is missing the required field "{field}".',
  unknownField: 'Unknown field "{field}" in {parent}{suggestion}.',
  invalidEnum: 'Field "{field}" is {value}, which is not one of {allowed}.',
  invalidFormat: 'Field "{field}" is {value}, which is not a valid {format}.',
  invalidValue: 'Field "{field}" is {value}, which {detail}.',
} as const;

export type ViolationMessageId = keyof typeof VIOLATION_MESSAGES;

export interface ViolationReport {
  readonly messageId: ViolationMessageId;
  readonly at: { readonly range: SourceRange; readonly pointer: string };
  readonly data: MessageData;
  readonly identity: string;
}

/** Violations as reports, in document order. A violation whose position is unknown is dropped (cannot happen for loaded objects). */
export function violationReports(artifact: KubernetesObjectArtifact, violations: readonly Violation[]): ViolationReport[] {
  const reports: ViolationReport[] = [];
  for (const violation of violations) {
    const range = rangeOf(artifact, violation);
    if (range === undefined) continue;
    const pointer = violation.kind === 'missingRequired' ? `${violation.pointer}${toJsonPointer([violation.field])}` : violation.pointer;
    reports.push({ messageId: violation.kind, at: { range, pointer }, data: dataOf(artifact, violation), identity: `${violation.kind}:${violation.pointer}:${'field' in violation ? violation.field : ''}` });
  }
  return reports.sort((a, b) => a.at.range.start.line - b.at.range.start.line || a.at.range.start.column - b.at.range.start.column);
}

function dataOf(artifact: KubernetesObjectArtifact, violation: Violation): MessageData {
  const value = valueAt(artifact.object, violation.pointer);
  switch (violation.kind) {
    case 'wrongType':
      return { field: pathOf(violation.pointer), expected: article(violation.expected), actual: describe(value) };
    case 'missingRequired':
      return { parent: violation.pointer === '' ? `${artifact.ref.kind}` : `"${pathOf(violation.pointer)}"`, field: violation.field };
    case 'unknownField':
      return { field: clip(violation.field), parent: parentName(artifact, violation.pointer), suggestion: suggestion(violation.field, violation.known) };
    case 'invalidEnum':
      return { field: pathOf(violation.pointer), value: short(value), allowed: violation.allowed.join(', ') };
    case 'invalidFormat':
      return { field: pathOf(violation.pointer), value: short(value), format: violation.format };
    case 'invalidValue':
      return { field: pathOf(violation.pointer), value: short(value), detail: violation.detail };
  }
}

/** The key of an unknown field; the value of a wrong one (its key when it is a collection); the key of an object missing a field. */
function rangeOf(artifact: KubernetesObjectArtifact, violation: Violation): SourceRange | undefined {
  const found = artifact.positions.get(violation.pointer);
  if (violation.kind === 'missingRequired') return missingRange(artifact, violation.pointer);
  if (found === undefined) return artifact.positions.nearest(violation.pointer)?.ranges.key;
  if (violation.kind === 'unknownField') return found.key ?? found.value;
  const value = valueAt(artifact.object, violation.pointer);
  if (typeof value === 'object' && value !== null) return found.key ?? found.value;
  return found.value;
}

/** The object's key (`spec:`); for a list item, its first key; for the object itself, its `kind`. */
function missingRange(artifact: KubernetesObjectArtifact, pointer: string): SourceRange | undefined {
  if (pointer === '') return artifact.positions.get('/kind')?.value;
  const found = artifact.positions.get(pointer);
  if (found?.key !== undefined) return found.key;
  const value = valueAt(artifact.object, pointer);
  const first = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value)[0] : undefined;
  const child = first === undefined ? undefined : artifact.positions.get(`${pointer}${toJsonPointer([first])}`);
  return child?.key ?? found?.value;
}

function parentName(artifact: KubernetesObjectArtifact, pointer: string): string {
  const parent = pointer.slice(0, pointer.lastIndexOf('/'));
  return parent === '' ? artifact.ref.kind : `"${pathOf(parent)}"`;
}

/** Longer field paths keep their end (the part that names the field). */
const MAX_PATH = 120;

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`. */
export function pathOf(pointer: string): string {
  let path = '';
  for (const segment of parseJsonPointer(pointer)) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path.length > MAX_PATH ? `…${path.slice(-(MAX_PATH - 1))}` : path;
}

/** Fields longer than this get no suggestion (edit distance is quadratic) and are clipped in messages. */
const MAX_FIELD = 64;

function clip(field: string): string {
  return field.length > MAX_FIELD ? `${field.slice(0, MAX_FIELD - 1)}…` : field;
}

function suggestion(field: string, known: readonly string[]): string {
  if (field.length > MAX_FIELD) return '';
  const wanted = field.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(field.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function article(types: string): string {
  return types.split(' or ').map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${short(value)})`;
  if (typeof value === 'number') return Number.isInteger(value) ? `an integer (${value})` : `a number (${value})`;
  return `a ${typeof value} (${String(value)})`;
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'an array' : 'an object') : String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
