import type { Finding, KubernetesObjectRef, Location, PalisadeError, Result, Suppression } from '../core/index.ts';
import { err, nullThrows, ok } from '../core/index.ts';
import type { SourceIssue, YamlSource } from '../config/index.ts';
import { issuesError, parseYamlSource, schemaIssues } from '../config/index.ts';
import { entryIssues, entryLocation } from './exception-entry.ts';
import { exceptionMatches, isExceptionExpired } from './exception-match.ts';
import { expiredExceptionFinding } from './rules/no-expired-exceptions.ts';
// Precompiled from exceptionsEnvelopeSchema and exceptionEntrySchema (scripts/schema-validators.ts).
import { validateExceptionEntry, validateExceptionsEnvelope } from './gate-validators.generated.ts';
import type { ExceptionEntryInput } from './schema.ts';

/** What an exception waives: findings of a rule, or findings about a vulnerability. */
export type ExceptionSelector = { readonly kind: 'rule'; readonly rule: string } | { readonly kind: 'vulnerability'; readonly vulnerability: string };

/** One loaded exception. Every condition given must hold for a finding to be waived. */
export interface ExceptionEntry {
  readonly selector: ExceptionSelector;
  /** Globs relative to the scan root (`**` supported); any one must match the finding's path. */
  readonly paths?: readonly string[];
  readonly object?: Partial<KubernetesObjectRef>;
  readonly package?: string;
  readonly reason: string;
  readonly owner: string;
  readonly ticket?: string;
  /** `YYYY-MM-DD`: valid through that whole day (UTC). */
  readonly expires: string;
  /** The entry in the exceptions file (from its `- ` to its last value). */
  readonly source: Location;
}

export interface ExceptionSet {
  readonly path: string;
  readonly entries: readonly ExceptionEntry[];
}

export interface AppliedExceptions {
  /** Every input finding; those waived by a valid exception carry `suppression.kind: 'exception'`. */
  readonly findings: Finding[];
  /** One `GATE-0001` finding per expired entry. */
  readonly expired: Finding[];
  /** Valid entries that matched no finding (stale exceptions to clean up). */
  readonly unused: ExceptionEntry[];
}

/**
 * Parses `.palisade/exceptions.yaml`. An empty file holds no exceptions. Any problem in any entry fails
 * the whole file (`EXCEPTIONS_INVALID`, one `file:line:column: message` line per problem): a broken
 * exceptions file must not silently waive more, or less, than its author meant.
 */
export function loadExceptions(path: string, text: string): Result<ExceptionSet, PalisadeError> {
  const parsed = parseYamlSource(path, text);
  if (!parsed.ok) return err(issuesError('EXCEPTIONS_INVALID', path, parsed.error));
  const { source } = parsed.value;
  const data = parsed.value.data ?? { exceptions: [] };
  if (!validateExceptionsEnvelope(data)) return err(issuesError('EXCEPTIONS_INVALID', path, schemaIssues(source, validateExceptionsEnvelope.errors ?? [])));
  const entries: ExceptionEntry[] = [];
  const issues: SourceIssue[] = [];
  data.exceptions.forEach((raw, index) => {
    const entry = readEntry(source, raw, `/exceptions/${index}`);
    if (entry.ok) entries.push(entry.value);
    else issues.push(...entry.error);
  });
  if (issues.length > 0) return err(issuesError('EXCEPTIONS_INVALID', path, issues));
  return ok({ path, entries });
}

/**
 * Waives the findings that a valid (unexpired) entry matches; findings already suppressed stay as they
 * are. Expired entries waive nothing and each becomes a `GATE-0001` finding.
 */
export function applyExceptions(findings: readonly Finding[], set: ExceptionSet, now: Date): AppliedExceptions {
  const active = set.entries.filter((entry) => !isExceptionExpired(entry, now));
  const used = new Set<ExceptionEntry>();
  const result = findings.map((finding) => {
    const matching = active.filter((entry) => exceptionMatches(entry, finding));
    for (const entry of matching) used.add(entry);
    const first = matching[0];
    if (first === undefined || finding.suppression !== undefined) return finding;
    return { ...finding, suppression: suppressionOf(first) };
  });
  return {
    findings: result,
    expired: set.entries.filter((entry) => isExceptionExpired(entry, now)).map(expiredExceptionFinding),
    unused: active.filter((entry) => !used.has(entry)),
  };
}

function suppressionOf(entry: ExceptionEntry): Suppression {
  return {
    kind: 'exception',
    reason: entry.reason,
    owner: entry.owner,
    ...(entry.ticket === undefined ? {} : { ticket: entry.ticket }),
    expires: entry.expires,
    source: entry.source,
  };
}

function readEntry(source: YamlSource, raw: unknown, pointer: string): Result<ExceptionEntry, SourceIssue[]> {
  if (!validateExceptionEntry(raw)) {
    const errors = (validateExceptionEntry.errors ?? []).map((error) => ({ ...error, instancePath: `${pointer}${error.instancePath}` }));
    return err(schemaIssues(source, errors));
  }
  const issues = entryIssues(source, raw, pointer);
  if (issues.length > 0) return err(issues);
  return ok({
    selector: nullThrows(selectorOf(raw), 'entryIssues rejects an entry without "rule" or "vulnerability"'),
    ...(raw.paths === undefined ? {} : { paths: raw.paths.map((glob) => glob.replace(/^(\.\/)+/, '')) }),
    ...(raw.object === undefined ? {} : { object: raw.object }),
    ...(raw.package === undefined ? {} : { package: raw.package }),
    reason: raw.reason.trim(),
    owner: raw.owner.trim(),
    ...(raw.ticket === undefined ? {} : { ticket: raw.ticket }),
    expires: raw.expires,
    source: entryLocation(source, pointer),
  });
}

function selectorOf(raw: ExceptionEntryInput): ExceptionSelector | undefined {
  if (raw.rule !== undefined) return { kind: 'rule', rule: raw.rule };
  if (raw.vulnerability !== undefined) return { kind: 'vulnerability', vulnerability: raw.vulnerability };
  return undefined;
}
