import { posix } from 'node:path';
import type { Finding, KubernetesObjectRef, PackageRef } from '../core/index.ts';
import type { ExceptionEntry } from './exceptions.ts';
import { findingMatchesSelector, findingMatchesVulnerability } from './selector.ts';

const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** An exception is valid through the whole of its `expires` day (UTC) and expired from the next midnight. */
export function isExceptionExpired(entry: ExceptionEntry, now: Date): boolean {
  return now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`) + DAY_MS;
}

/** True when every condition the entry gives holds for the finding (expiry is not considered here). */
export function exceptionMatches(entry: ExceptionEntry, finding: Finding): boolean {
  const { selector } = entry;
  const named = selector.kind === 'rule' ? findingMatchesSelector(finding, selector.rule) : findingMatchesVulnerability(finding, selector.vulnerability);
  if (!named) return false;
  if (entry.paths !== undefined && !entry.paths.some((glob) => posix.matchesGlob(finding.location.path, glob))) return false;
  if (entry.object !== undefined && !objectMatches(entry.object, finding.location.object)) return false;
  return entry.package === undefined || packageMatches(entry.package, finding.package);
}

function objectMatches(wanted: Partial<KubernetesObjectRef>, actual: KubernetesObjectRef | undefined): boolean {
  if (actual === undefined) return false;
  return (
    (wanted.apiVersion === undefined || wanted.apiVersion === actual.apiVersion) &&
    (wanted.kind === undefined || wanted.kind === actual.kind) &&
    (wanted.namespace === undefined || wanted.namespace === actual.namespace) &&
    (wanted.name === undefined || wanted.name === actual.name)
  );
}

/**
 * A package is named by its name (case-insensitive), its full purl, or its purl without version,
 * qualifiers and subpath (`pkg:npm/lodash` matches `pkg:npm/lodash@4.17.20`).
 */
export function packageMatches(wanted: string, actual: PackageRef | undefined): boolean {
  if (actual === undefined) return false;
  if (actual.name.toLowerCase() === wanted.toLowerCase() || actual.purl === wanted) return true;
  if (!wanted.startsWith('pkg:')) return false;
  const withoutQualifiers = actual.purl.replace(/[?#].*$/s, '');
  return wanted === withoutQualifiers || wanted === withoutVersion(withoutQualifiers);
}

function withoutVersion(purl: string): string {
  const lastSlash = purl.lastIndexOf('/');
  const at = purl.indexOf('@', lastSlash + 1);
  return at === -1 ? purl : purl.slice(0, at);
}
