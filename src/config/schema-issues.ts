import type { ErrorObject } from 'ajv';
import type { ErrorCode } from '../core/index.ts';
import { PalisadeError, editDistance, parseJsonPointer } from '../core/index.ts';
import type { SourceIssue, YamlSource } from './yaml-source.ts';
import { keyPositionOf, positionOf } from './yaml-source.ts';

/** More problems than this are summarised in one closing line. */
export const MAX_REPORTED_ISSUES = 20;
const MAX_MESSAGE = 320;

/**
 * Turns ajv errors (compiled with `allErrors` and `verbose`) into issues at the offending key or value.
 * Only the first error per value is kept (a wrong type makes its `enum` error noise).
 */
export function schemaIssues(source: YamlSource, errors: readonly ErrorObject[]): SourceIssue[] {
  const seen = new Set<string>();
  const issues: SourceIssue[] = [];
  for (const error of errors) {
    const key = `${error.instancePath}\u0000${String(error.params['additionalProperty'] ?? error.params['missingProperty'] ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issueOf(source, error));
  }
  return issues;
}

/** One coded error for all issues of a file: one `file:line:column: message` line each, in document order. */
export function issuesError(code: ErrorCode, path: string, issues: readonly SourceIssue[]): PalisadeError {
  const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted.slice(0, MAX_REPORTED_ISSUES).map((issue) => `${path}:${issue.line}:${issue.column}: ${clip(issue.message)}`);
  if (sorted.length > MAX_REPORTED_ISSUES) lines.push(`${path}: … and ${sorted.length - MAX_REPORTED_ISSUES} more problems`);
  const first = sorted[0];
  const position = first === undefined ? { path } : { path, line: first.line, column: first.column };
  return new PalisadeError(code, lines.join('\n'), { position });
}

/** `/exceptions/0/reason` → `exceptions[0].reason`. */
export function describePointer(pointer: string): string {
  let name = '';
  for (const segment of parseJsonPointer(pointer)) {
    if (/^\d+$/.test(segment)) name += `[${segment}]`;
    else name += name === '' ? segment : `.${segment}`;
  }
  return name;
}

/** An article and a name for the type of a value, as a YAML author would say it. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return `a ${typeof value}`;
}

/** The closest known key to a misspelt one, if any is close enough. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const wanted = normaliseKey(unknown);
  const exact = known.find((candidate) => normaliseKey(candidate) === wanted);
  if (exact !== undefined) return exact;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, normaliseKey(candidate));
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

function issueOf(source: YamlSource, error: ErrorObject): SourceIssue {
  const property = error.params['additionalProperty'];
  const duplicateIndex = error.params['j'];
  const message = schemaErrorMessage(error);
  if (error.keyword === 'additionalProperties' && typeof property === 'string') return { ...keyPositionOf(source, error.instancePath, property), message };
  // ajv's `j` is the later of the two equal items: point at it.
  if (error.keyword === 'uniqueItems' && typeof duplicateIndex === 'number') return { ...positionOf(source, `${error.instancePath}/${duplicateIndex}`), message };
  return { ...positionOf(source, error.instancePath), message };
}

/** The text of one ajv error (compiled with `verbose`), naming the key as a YAML author wrote it. */
export function schemaErrorMessage(error: ErrorObject): string {
  const name = subject(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKeyMessage(error, String(error.params['additionalProperty']));
    case 'uniqueItems':
      return `${name} lists ${JSON.stringify(itemAt(error.data, error.params['j']))} more than once`;
    case 'type':
      if (error.instancePath === '') return `the file must be a mapping of keys to values (found ${describeType(error.data)})`;
      if (Array.isArray(error.parentSchema?.['enum'])) return `${name} must be one of ${listOf(error.parentSchema['enum'])}`;
      return `${name} must be ${TYPE_WORDS[String(error.params['type'])] ?? String(error.params['type'])} (found ${describeType(error.data)})`;
    case 'enum':
      return `${name} must be one of ${listOf(error.params['allowedValues'])}`;
    case 'required':
      return `${error.instancePath === '' ? 'the file' : describePointer(error.instancePath)} is missing the required key "${String(error.params['missingProperty'])}"`;
    case 'minimum':
      return `${name} must be at least ${String(error.params['limit'])}`;
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return `${name} must not be empty`;
    default:
      return `${name} ${error.message ?? 'is invalid'}`;
  }
}

function unknownKeyMessage(error: ErrorObject, property: string): string {
  const known = Object.keys(error.parentSchema?.['properties'] ?? {});
  const where = error.instancePath === '' ? '' : ` in ${describePointer(error.instancePath)}`;
  const suggestion = suggestKey(property, known);
  if (suggestion !== undefined) return `unknown key "${property}"${where} (did you mean "${suggestion}"?)`;
  return `unknown key "${property}"${where} (known keys: ${known.join(', ')})`;
}

function subject(pointer: string): string {
  return `"${describePointer(pointer)}"`;
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : String(values);
}

function itemAt(list: unknown, index: unknown): unknown {
  return Array.isArray(list) && typeof index === 'number' ? list[index] : undefined;
}

function clip(message: string): string {
  const oneLine = message.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}
