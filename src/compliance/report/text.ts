import type { KubernetesObjectRef } from '../../core/index.ts';
import type { ControlStatus, DatabaseInfo, Evidence, Waiver } from './model.ts';

/** How each status reads in the Markdown and HTML reports. */
export const STATUS_LABELS: Readonly<Record<ControlStatus, string>> = Object.freeze({
  fail: 'Fail',
  waived: 'Waived',
  pass: 'Pass',
  manual: 'Manual',
  'not-applicable': 'Not applicable',
});

/** `path:line (Kind namespace/name)` of a piece of evidence. */
export function evidenceWhere(evidence: Evidence): string {
  const at = evidence.line === undefined ? evidence.path : `${evidence.path}:${evidence.line}`;
  return evidence.object === undefined ? at : `${at} (${objectName(evidence.object)})`;
}

function objectName(object: KubernetesObjectRef): string {
  const name = object.name ?? '(unnamed)';
  return `${object.kind} ${object.namespace === undefined ? name : `${object.namespace}/${name}`}`;
}

/** `exception by alice (JIRA-1) until 2026-12-31: reason`. */
export function describeWaiver(waiver: Waiver): string {
  const parts = [waiver.kind === 'exception' ? 'exception' : waiver.kind === 'inline' ? 'inline suppression' : 'baseline'];
  if (waiver.owner !== undefined) parts.push(`by ${waiver.owner}`);
  if (waiver.ticket !== undefined) parts.push(`(${waiver.ticket})`);
  if (waiver.expires !== undefined) parts.push(`until ${waiver.expires}`);
  const head = parts.join(' ');
  return waiver.reason === undefined ? head : `${head}: ${waiver.reason}`;
}

/** `advisory database /path, built 2026-11-20T08:00:00Z (170 hours before the report), 1200 records`. */
export function describeDatabase(database: DatabaseInfo): string {
  const built = database.builtAt === undefined ? 'build time unknown' : `built ${database.builtAt}${database.ageHours === undefined ? '' : ` (${database.ageHours} hours before the report)`}`;
  return `Advisory database ${database.path}, ${built}, ${database.recordCount} records.`;
}
