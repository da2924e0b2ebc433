import type { Finding, KubernetesObjectRef, Location, Severity, Suppression } from '../core/index.ts';
import { compareSeverity } from '../core/index.ts';

/** A waived finding (exception, inline comment or baseline) never counts as a failure. */
export function isWaived(finding: Finding): boolean {
  return finding.suppression !== undefined;
}

/** `Deployment prod/web`: how people name a Kubernetes object. */
export function formatObjectRef(object: KubernetesObjectRef): string {
  const name = object.name ?? '(unnamed)';
  return object.namespace === undefined ? `${object.kind} ${name}` : `${object.kind} ${object.namespace}/${name}`;
}

/** `12:5`, `12`, or the empty string when the position is unknown. */
export function formatPosition(location: Pick<Location, 'startLine' | 'startColumn'>): string {
  if (location.startLine === undefined) return '';
  if (location.startColumn === undefined) return String(location.startLine);
  return `${location.startLine}:${location.startColumn}`;
}

/** `path:line` (or just the path when the line is unknown). */
export function formatPathLine(location: Location): string {
  return location.startLine === undefined ? location.path : `${location.path}:${location.startLine}`;
}

/** `exception: reason (owner: x, ticket: y, expires: z)`. */
export function describeSuppression(suppression: Suppression): string {
  const details = [
    suppression.owner === undefined ? '' : `owner: ${suppression.owner}`,
    suppression.ticket === undefined ? '' : `ticket: ${suppression.ticket}`,
    suppression.expires === undefined ? '' : `expires: ${suppression.expires}`,
  ].filter((detail) => detail !== '');
  const head = suppression.reason === undefined ? suppression.kind : `${suppression.kind}: ${suppression.reason}`;
  return details.length === 0 ? head : `${head} (${details.join(', ')})`;
}

/** By line, then column, then most severe first, then rule id (stable for equal positions). */
export function compareInFile(a: Finding, b: Finding): number {
  return (
    (a.location.startLine ?? 0) - (b.location.startLine ?? 0) ||
    (a.location.startColumn ?? 0) - (b.location.startColumn ?? 0) ||
    compareSeverity(a.severity, b.severity) ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** Most severe first, then by path and position. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return compareSeverity(a.severity, b.severity) || compareText(a.location.path, b.location.path) || compareInFile(a, b);
}

/** Code-unit order, independent of the locale. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Groups items by a key; the groups come back sorted by key, items in their given order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return [...groups.entries()].sort(([a], [b]) => compareText(a, b));
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The most severe of some severities (the first of a non-empty list sorted by severity). */
export function mostSevere(severities: readonly Severity[]): Severity | undefined {
  return [...severities].sort(compareSeverity)[0];
}

// C0 and C1 controls, DEL, and the Unicode bidirectional controls ("Trojan Source").
const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes text from scanned files safe to print for people: control and bidi characters become
 * visible escapes (`\n`, `\x1b`, `\u202e`), so a hostile file cannot drive the terminal or hide text.
 */
export function escapeForDisplay(text: string): string {
  return text.replace(UNSAFE_FOR_DISPLAY, (char) => {
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
