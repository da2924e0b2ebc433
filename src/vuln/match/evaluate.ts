// OSV's evaluation algorithm (https://ossf.github.io/osv-schema/#evaluation), exactly:
// a version is affected when it is listed in `versions` or included in any range. A range is
// evaluated only when the version is below one of its `limit` events (no limit: `*`); its events are
// sorted by version (stable: equal versions keep their written order) and walked in order:
// `introduced` at or below v → vulnerable, else `fixed` at or below v → not vulnerable, else
// `last_affected` below v → not vulnerable. `introduced: "0"` sorts before every version; a `limit`
// containing `*` is infinity. SEMVER ranges compare with SemVer 2.0 whatever the ecosystem; GIT ranges
// need a repository and are skipped (counted). A version or event the scheme cannot parse makes its
// range unevaluable: not matched, and reported as a problem.
import { ok } from '../../core/index.ts';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from '../osv.ts';
import type { Version, VersionScheme } from '../versioning/index.ts';
import { versionSchemeFor, versionSchemes } from '../versioning/index.ts';
import { normalisePackageName } from './identity.ts';
import { VersionCache } from './version-cache.ts';

export type EvaluationProblem =
  | { readonly kind: 'unknown-ecosystem'; readonly ecosystem: string }
  | { readonly kind: 'invalid-version'; readonly scheme: string; readonly text: string; readonly reason: string; readonly column: number }
  | { readonly kind: 'invalid-event'; readonly scheme: string; readonly text: string; readonly reason: string }
  | { readonly kind: 'malformed-range'; readonly reason: string };

export interface Evaluation {
  readonly affected: boolean;
  /** Every `fixed` event of the entry's evaluable ranges, in written order, without duplicates. */
  readonly fixed: readonly string[];
  /** The lowest `fixed` version above the queried one, when there is one. */
  readonly nearestFixed: string | undefined;
  /** GIT ranges skipped (they need the repository's commit graph). */
  readonly gitRanges: number;
  readonly problems: readonly EvaluationProblem[];
}

type EventKey = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface SortedEvent {
  readonly key: EventKey;
  readonly text: string;
  /** undefined for the special values `introduced: "0"` (minus infinity) and a `limit` with `*` (infinity). */
  readonly version: Version | undefined;
}

const EVENT_KEYS: readonly EventKey[] = ['introduced', 'fixed', 'last_affected', 'limit'];

const defaultCache = new VersionCache();

/**
 * Whether `version` of the package described by `affected` is affected. `ecosystem` names the
 * version ordering of `versions` and ECOSYSTEM ranges (normally `affected.package.ecosystem`).
 */
export function isAffected(affected: OsvAffected, ecosystem: string, version: string, cache: VersionCache = defaultCache): Evaluation {
  const problems: EvaluationProblem[] = [];
  const fixed = new Set<string>();
  const nearest: { text: string; version: Version; scheme: VersionScheme }[] = [];
  const scheme = versionSchemeFor(ecosystem);
  if (!scheme.ok) problems.push({ kind: 'unknown-ecosystem', ecosystem });
  const ecosystemScheme = scheme.ok ? scheme.value : undefined;
  let affectedSoFar = false;
  let gitRanges = 0;
  for (const range of affected.ranges ?? []) {
    if (range.type === 'GIT') {
      gitRanges += 1;
      continue;
    }
    const rangeScheme = range.type === 'SEMVER' ? versionSchemes.semver : ecosystemScheme;
    if (rangeScheme === undefined) continue;
    const result = evaluateRange(range, rangeScheme, version, cache);
    if (result.problem !== undefined) {
      problems.push(result.problem);
      continue;
    }
    for (const text of result.fixed) fixed.add(text);
    if (result.nearestFixed !== undefined) nearest.push({ ...result.nearestFixed, scheme: rangeScheme });
    if (result.affected) affectedSoFar = true;
  }
  // The `versions` list is OR-ed with the ranges: read only when no range matched (it costs a sort).
  affectedSoFar ||= includedInVersions(affected.versions ?? [], version, ecosystemScheme, cache);
  return { affected: affectedSoFar, fixed: [...fixed], nearestFixed: lowest(nearest, cache), gitRanges, problems: dedupe(problems) };
}

/**
 * The pseudocode's IsVulnerable: whether `version` of the package `name` in `ecosystem` (the full OSV
 * string, release included: `Debian:12`) is affected by `record`. Withdrawn records never are. Names
 * compare after the ecosystem's normalisation (PEP 503 for PyPI).
 */
export function isVulnerable(record: OsvRecord, ecosystem: string, name: string, version: string, cache: VersionCache = defaultCache): boolean {
  if (record.withdrawn !== undefined) return false;
  const wanted = normalisePackageName(ecosystem, name);
  return (record.affected ?? []).some(
    (affected) => affected.package?.ecosystem === ecosystem && normalisePackageName(ecosystem, affected.package.name) === wanted && isAffected(affected, ecosystem, version, cache).affected,
  );
}

function includedInVersions(versions: readonly string[], version: string, scheme: VersionScheme | undefined, cache: VersionCache): boolean {
  if (versions.includes(version)) return true;
  if (scheme === undefined || versions.length === 0) return false;
  const query = cache.parse(scheme, version);
  return query.ok && cache.listed(scheme, versions, query.value);
}

export interface RangeResult {
  readonly affected: boolean;
  readonly fixed: readonly string[];
  readonly nearestFixed: { readonly text: string; readonly version: Version } | undefined;
  readonly problem: EvaluationProblem | undefined;
}

function failed(problem: EvaluationProblem): RangeResult {
  return { affected: false, fixed: [], nearestFixed: undefined, problem };
}

/** One range, by the pseudocode's IncludedInRanges/BeforeLimits for a single range. */
export function evaluateRange(range: OsvRange, scheme: VersionScheme, version: string, cache: VersionCache = defaultCache): RangeResult {
  const query = cache.parse(scheme, version);
  if (!query.ok) return failed({ kind: 'invalid-version', scheme: scheme.id, text: version, reason: query.error.reason, column: query.error.column });
  const events = sortedEventsOnce(range.events, scheme, cache);
  if (!('sorted' in events)) return failed(events);
  const v = query.value;
  const above = (event: SortedEvent): number => (event.version === undefined ? (event.key === 'limit' ? -1 : 1) : scheme.compare(v, event.version));
  const limits = events.sorted.filter((event) => event.key === 'limit');
  const beforeLimits = limits.length === 0 || limits.some((event) => above(event) < 0);
  let vulnerable = false;
  for (const event of events.sorted) {
    if (event.key === 'introduced' && above(event) >= 0) vulnerable = true;
    else if (event.key === 'fixed' && above(event) >= 0) vulnerable = false;
    else if (event.key === 'last_affected' && above(event) > 0) vulnerable = false;
  }
  const fixedEvents = events.sorted.filter((event) => event.key === 'fixed');
  const nearest = fixedEvents.find((event) => event.version !== undefined && above(event) < 0);
  return {
    affected: beforeLimits && vulnerable,
    fixed: range.events.flatMap((event) => (event.fixed === undefined ? [] : [event.fixed])),
    nearestFixed: nearest?.version === undefined ? undefined : { text: nearest.text, version: nearest.version },
    problem: undefined,
  };
}

type SortedOrProblem = { sorted: SortedEvent[] } | EvaluationProblem;

/** Sorted events per events array and scheme, kept while the record lives (one record is evaluated for many packages). */
const sortedByEvents = new WeakMap<readonly OsvEvent[], Map<string, SortedOrProblem>>();

function sortedEventsOnce(events: readonly OsvEvent[], scheme: VersionScheme, cache: VersionCache): SortedOrProblem {
  const byScheme = sortedByEvents.get(events) ?? new Map<string, SortedOrProblem>();
  sortedByEvents.set(events, byScheme);
  const cached = byScheme.get(scheme.id);
  if (cached !== undefined) return cached;
  const computed = sortedEvents(events, scheme, cache);
  byScheme.set(scheme.id, computed);
  return computed;
}

function sortedEvents(events: readonly OsvEvent[], scheme: VersionScheme, cache: VersionCache): SortedOrProblem {
  if (events.length === 0) return { kind: 'malformed-range', reason: 'a range without events' };
  const parsed: SortedEvent[] = [];
  for (const event of events) {
    const keys = EVENT_KEYS.filter((key) => event[key] !== undefined);
    const key = keys[0];
    const text = key === undefined ? undefined : event[key];
    if (key === undefined || text === undefined || keys.length > 1) return { kind: 'malformed-range', reason: 'an event must hold exactly one of introduced, fixed, last_affected, limit' };
    const special = (key === 'introduced' && text === '0') || (key === 'limit' && text.includes('*'));
    if (special) {
      parsed.push({ key, text, version: undefined });
      continue;
    }
    const version = cache.parse(scheme, text);
    if (!version.ok) return { kind: 'invalid-event', scheme: scheme.id, text, reason: version.error.reason };
    parsed.push({ key, text, version: version.value });
  }
  // Array.prototype.sort is stable: events of equal version keep their written order.
  return { sorted: parsed.sort((a, b) => compareEvents(a, b, scheme)) };
}

function rank(event: SortedEvent): number {
  if (event.version !== undefined) return 0;
  return event.key === 'limit' ? 1 : -1;
}

function compareEvents(a: SortedEvent, b: SortedEvent, scheme: VersionScheme): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || a.version === undefined || b.version === undefined) return byRank;
  return scheme.compare(a.version, b.version);
}

/** The lowest candidate; candidates of different schemes (a SEMVER and an ECOSYSTEM range) compare by the first one's scheme when both parse. */
function lowest(candidates: readonly { text: string; version: Version; scheme: VersionScheme }[], cache: VersionCache): string | undefined {
  let best = candidates[0];
  for (const candidate of candidates.slice(1)) {
    if (best === undefined) break;
    const scheme = best.scheme;
    const other = candidate.scheme.id === scheme.id ? ok(candidate.version) : cache.parse(scheme, candidate.text);
    if (other.ok && scheme.compare(other.value, best.version) < 0) best = { ...candidate, version: other.value, scheme };
  }
  return best?.text;
}

function dedupe(problems: readonly EvaluationProblem[]): EvaluationProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
