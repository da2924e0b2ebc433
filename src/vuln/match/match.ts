// Inventory × advisories → vulnerability findings, one per vulnerability per package entry.
import type { Finding } from '../../core/index.ts';
import { compareSeverity } from '../../core/index.ts';
import type { PackageEntry, PackageInventoryArtifact, PackageScope } from '../../packages/index.ts';
import { CvssCalculator } from '../cvss/index.ts';
import type { AdvisorySource, OsvAffected, OsvRecord } from '../osv.ts';
import { versionSchemeFor } from '../versioning/index.ts';
import type { RecordMatch } from './aliases.ts';
import { groupMatches } from './aliases.ts';
import type { EvaluationProblem } from './evaluate.ts';
import { isAffected } from './evaluate.ts';
import { buildFinding } from './finding.ts';
import type { PackageQuery } from './identity.ts';
import { isOsEcosystem, packageQuery, relatePackage } from './identity.ts';
import { MatchNotes } from './notes.ts';
import { severityOf } from './severity.ts';
import { VersionCache } from './version-cache.ts';

export interface VulnerabilityMatchOptions {
  /** Packages of these scopes are not matched (e.g. `['dev']`). */
  readonly excludeScopes?: readonly PackageScope[];
  /** Shared across inventories of one scan so each vector is scored once. */
  readonly cvss?: CvssCalculator;
  /** Shared across inventories of one scan so each version is parsed once. */
  readonly versions?: VersionCache;
}

export interface VulnerabilityMatchResult {
  readonly findings: Finding[];
  /** What was skipped and why, aggregated (counts and a few examples per line). */
  readonly notes: string[];
}

interface Run {
  readonly inventory: PackageInventoryArtifact;
  readonly source: AdvisorySource;
  readonly cvss: CvssCalculator;
  readonly versions: VersionCache;
  readonly notes: MatchNotes;
  readonly lookups: Map<string, readonly OsvRecord[]>;
}

export function vulnerabilityFindings(inventory: PackageInventoryArtifact, source: AdvisorySource, options: VulnerabilityMatchOptions = {}): VulnerabilityMatchResult {
  const run: Run = {
    inventory,
    source,
    cvss: options.cvss ?? new CvssCalculator(),
    versions: options.versions ?? new VersionCache(),
    notes: new MatchNotes(),
    lookups: new Map(),
  };
  const excluded = new Set(options.excludeScopes ?? []);
  const where = inventory.source.path;
  if (isOsEcosystem(inventory.ecosystem) && inventory.distribution === undefined) {
    run.notes.add(`${where}: no os-release was found, so only advisories without a release (no "${inventory.ecosystem}:<release>" suffix) were matched`);
  }
  const findings: Finding[] = [];
  for (const entry of inventory.packages) {
    if (entry.skipReason !== undefined) {
      run.notes.add(`${where}: packages not matched (${entry.skipReason})`, entry.name);
      continue;
    }
    if (entry.scope !== undefined && excluded.has(entry.scope)) {
      run.notes.add(`${where}: packages not matched (scope ${entry.scope} excluded)`);
      continue;
    }
    findings.push(...matchEntry(run, entry));
  }
  return { findings, notes: run.notes.lines() };
}

function lookup(run: Run, query: PackageQuery): OsvRecord[] {
  const byId = new Map<string, OsvRecord>();
  for (const name of query.names) {
    const key = `${query.ecosystem}\u0000${name}`;
    let records = run.lookups.get(key);
    if (records === undefined) {
      records = run.source.advisoriesFor(query.ecosystem, name);
      run.lookups.set(key, records);
    }
    for (const record of records) if (!byId.has(record.id)) byId.set(record.id, record);
  }
  return [...byId.values()];
}

function matchEntry(run: Run, entry: PackageEntry): Finding[] {
  const query = packageQuery(run.inventory.ecosystem, entry, run.inventory.distribution);
  const matches: RecordMatch[] = [];
  for (const record of lookup(run, query)) {
    if (record.withdrawn !== undefined) {
      run.notes.add('withdrawn advisories ignored', record.id);
      continue;
    }
    const match = matchRecord(run, record, query);
    if (match !== undefined) matches.push(match);
  }
  const findings = groupMatches(matches, query.ecosystem).map((group) => {
    const severity = severityOf(group.matches, run.cvss);
    for (const problem of severity.problems) run.notes.add('malformed CVSS vectors ignored', problem);
    if (severity.basis === 'default') run.notes.add('advisories without a usable severity, reported as medium', group.id);
    const fixed = unique(group.matches.flatMap((match) => match.fixed));
    const nearestFixed = nearest(group.matches, query, run.versions);
    return buildFinding({ inventory: run.inventory, entry, query, group, severity, fixedVersions: fixed, nearestFixed });
  });
  // Most severe first, then by id: the order is stable whatever order the source returns records in.
  return findings.sort((a, b) => compareSeverity(a.severity, b.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function matchRecord(run: Run, record: OsvRecord, query: PackageQuery): RecordMatch | undefined {
  const affected: OsvAffected[] = [];
  const fixed: string[] = [];
  const nearestCandidates: string[] = [];
  for (const entry of record.affected ?? []) {
    const relation = relatePackage(entry.package, query);
    if (relation === 'unknown-release') run.notes.add('advisories for a specific release skipped (release unknown)', record.id);
    if (relation !== 'same' || entry.package === undefined) continue;
    const evaluation = isAffected(entry, entry.package.ecosystem, query.version, run.versions);
    if (evaluation.gitRanges > 0) run.notes.add('GIT ranges skipped (commit ranges need the repository; versions lists still apply)', record.id);
    for (const problem of evaluation.problems) run.notes.add(describeProblem(problem, query), record.id);
    if (!evaluation.affected) continue;
    affected.push(entry);
    fixed.push(...evaluation.fixed);
    if (evaluation.nearestFixed !== undefined) nearestCandidates.push(evaluation.nearestFixed);
  }
  if (affected.length === 0) return undefined;
  return { record, affected, fixed: unique(fixed), nearestFixed: lowestVersion(nearestCandidates, query, run.versions) };
}

function describeProblem(problem: EvaluationProblem, query: PackageQuery): string {
  switch (problem.kind) {
    case 'unknown-ecosystem':
      return `no version ordering is known for ecosystem "${problem.ecosystem}"; its ECOSYSTEM ranges were not evaluated`;
    case 'invalid-version':
      return `${query.ecosystem} ${query.names[0] ?? ''} ${problem.text}: not a valid ${problem.scheme} version (${problem.reason} at column ${problem.column}); not matched`;
    case 'invalid-event':
      return `ranges with an event that is not a valid ${problem.scheme} version ("${problem.text}": ${problem.reason}) were not evaluated`;
    case 'malformed-range':
      return `malformed ranges were not evaluated (${problem.reason})`;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function lowestVersion(candidates: readonly string[], query: PackageQuery, cache: VersionCache): string | undefined {
  const scheme = versionSchemeFor(query.ecosystem);
  if (!scheme.ok) return candidates[0];
  let best: string | undefined;
  for (const candidate of candidates) {
    if (best === undefined) {
      best = candidate;
      continue;
    }
    const a = cache.parse(scheme.value, candidate);
    const b = cache.parse(scheme.value, best);
    if (a.ok && b.ok && scheme.value.compare(a.value, b.value) < 0) best = candidate;
  }
  return best;
}

function nearest(matches: readonly RecordMatch[], query: PackageQuery, cache: VersionCache): string | undefined {
  return lowestVersion(
    matches.flatMap((match) => (match.nearestFixed === undefined ? [] : [match.nearestFixed])),
    query,
    cache,
  );
}
