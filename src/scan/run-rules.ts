import type { Artifact, Finding, Location, ProjectCollector, ReportDescriptor, ReportSink, Rule, RuleMeta, ScanError, Suppression } from '../core/index.ts';
import { ruleMatchesSelector } from './select-rules.ts';
import { aliasStrings, fingerprint, formatMessage, nullThrows, ruleDocsUrl } from '../core/index.ts';

export interface RuleRunOutput {
  readonly findings: Finding[];
  readonly errors: ScanError[];
}

const EVIDENCE_MAX = 160;
/** Whitespace that `normalise` changes: a run of two, or any white space but a plain space. */
const COLLAPSIBLE = /\s\s|[^\S ]/;

/** Runs every per-artifact rule whose target is the artifact's kind; a rule that throws becomes a scan error, not a crash. */
export function runRules(artifacts: readonly Artifact[], rules: readonly Rule[]): RuleRunOutput {
  const byTarget = rulesByTarget(rules);
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const sink = new FindingSink(findings);
  for (const artifact of artifacts) {
    for (const rule of byTarget.get(artifact.kind) ?? []) {
      sink.point(rule.meta, artifact);
      try {
        rule.check(sink, artifact);
      } catch (error) {
        errors.push({
          path: artifact.source.path,
          code: 'RULE_FAILED',
          message: `Rule ${rule.meta.id} (${rule.meta.slug}) failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  return { findings: disambiguateFingerprints(findings), errors };
}

/**
 * Where per-artifact rules report during one run: pointed at the rule and artifact being checked
 * before each check, so that a check allocates no sink of its own (a scan makes hundreds of thousands).
 */
class FindingSink implements ReportSink<string> {
  readonly #findings: Finding[];
  #meta: RuleMeta | undefined;
  #artifact: Artifact | undefined;

  constructor(findings: Finding[]) {
    this.#findings = findings;
  }

  point(meta: RuleMeta, artifact: Artifact): void {
    this.#meta = meta;
    this.#artifact = artifact;
  }

  report(descriptor: ReportDescriptor<string>): void {
    this.#findings.push(toFinding(nullThrows(this.#meta, 'report before check'), nullThrows(this.#artifact, 'report before check'), descriptor));
  }
}

/** The per-artifact rules of a list by target, worked out once per list (a scan passes the same list for every file). */
const byTargetOfRules = new WeakMap<readonly Rule[], ReadonlyMap<string, readonly Rule[]>>();

function rulesByTarget(rules: readonly Rule[]): ReadonlyMap<string, readonly Rule[]> {
  const cached = byTargetOfRules.get(rules);
  if (cached !== undefined) return cached;
  const byTarget = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (rule.project) continue;
    const list = byTarget.get(rule.meta.target);
    if (list === undefined) byTarget.set(rule.meta.target, [rule]);
    else list.push(rule);
  }
  byTargetOfRules.set(rules, byTarget);
  return byTarget;
}

/**
 * Runs the project rules (those that need every artifact of their target at once) after all files
 * have been read. `artifacts` holds every artifact of the kinds these rules target.
 */
export function runProjectRules(artifacts: readonly Artifact[], rules: readonly Rule[]): RuleRunOutput {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const rule of rules.filter((candidate) => candidate.project)) {
    try {
      rule.checkProject({ report: (descriptor) => findings.push(toFinding(rule.meta, descriptor.artifact, descriptor)) }, artifacts);
    } catch (error) {
      errors.push(projectRuleFailed(rule, error));
    }
  }
  return { findings: disambiguateFingerprints(findings), errors };
}

/** A scan's project rules, fed file by file as the scan reads them (see `startProjectRules`). */
export interface ProjectRuleRun {
  /** Hands the artifacts of one file to each project rule's per-artifact phase (`collect`). */
  add(artifacts: readonly Artifact[]): void;
  /** Runs the project rules on what they kept: the findings and errors `runProjectRules` gives for the same artifacts. */
  finish(): RuleRunOutput;
}

interface CollectorRun {
  readonly rule: Rule;
  readonly collector: ProjectCollector;
  /** What the rule's per-artifact phase threw first; the rule is then not run. */
  failure?: { readonly error: unknown };
}

/**
 * Starts the project rules of a scan. Each keeps only what its `collect` phase takes from each
 * artifact (a rule without one keeps every artifact of its target), so the scan need not keep
 * every artifact until the end. A rule whose per-artifact phase throws becomes one scan error.
 */
export function startProjectRules(rules: readonly Rule[]): ProjectRuleRun {
  const runs: CollectorRun[] = rules.filter((rule) => rule.project).map((rule) => ({ rule, collector: rule.startProject?.() ?? keepingCollector(rule) }));
  return {
    add(artifacts: readonly Artifact[]): void {
      // Artifact by artifact, each to every rule in turn: what the rules derive from one object (its pod) is built once.
      for (const artifact of artifacts) for (const run of runs) addTo(run, artifact);
    },
    finish(): RuleRunOutput {
      const findings: Finding[] = [];
      const errors: ScanError[] = [];
      for (const { rule, collector, failure } of runs) {
        if (failure !== undefined) {
          errors.push(projectRuleFailed(rule, failure.error));
          continue;
        }
        try {
          collector.finish({ report: (descriptor) => findings.push(toFinding(rule.meta, descriptor.artifact, descriptor)) });
        } catch (error) {
          errors.push(projectRuleFailed(rule, error));
        }
      }
      return { findings: disambiguateFingerprints(findings), errors };
    },
  };
}

/** One artifact to one rule's collector; the first failure stops the rule (reported when the run finishes). */
function addTo(run: CollectorRun, artifact: Artifact): void {
  if (run.failure !== undefined) return;
  try {
    run.collector.add(artifact);
  } catch (error) {
    run.failure = { error };
  }
}

function projectRuleFailed(rule: Rule, error: unknown): ScanError {
  return { path: '.', code: 'RULE_FAILED', message: `Rule ${rule.meta.id} (${rule.meta.slug}) failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** A rule without `startProject` (not made by defineRule): keeps every artifact of its target, then `checkProject`. */
function keepingCollector(rule: Rule): ProjectCollector {
  const kept: Artifact[] = [];
  return {
    add: (artifact) => {
      if (artifact.kind === rule.meta.target) kept.push(artifact);
    },
    finish: (sink) => rule.checkProject(sink, kept),
  };
}

/** The artifact kinds project rules need kept in memory until the end of the scan. */
export function projectTargets(rules: readonly Rule[]): ReadonlySet<string> {
  return new Set(rules.filter((rule) => rule.project).map((rule) => rule.meta.target));
}

/** What every finding of a rule shares, built once per rule (frozen: findings only read them). */
interface RuleConstants {
  readonly aliases: readonly string[];
  readonly compliance: readonly string[];
  readonly helpUri: string;
}

const ruleConstants = new WeakMap<RuleMeta, RuleConstants>();

function constantsOf(meta: RuleMeta): RuleConstants {
  const cached = ruleConstants.get(meta);
  if (cached !== undefined) return cached;
  const constants = { aliases: Object.freeze(aliasStrings(meta)), compliance: Object.freeze([...meta.compliance]), helpUri: ruleDocsUrl(meta.slug) };
  ruleConstants.set(meta, constants);
  return constants;
}

function toFinding(meta: RuleMeta, artifact: Artifact, descriptor: ReportDescriptor<string>): Finding {
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`Rule ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
  const location = artifact.locate(descriptor.at);
  const excerpt = textAt(artifact, location);
  const identity = descriptor.identity ?? location.jsonPointer ?? normalise(excerpt);
  const constants = constantsOf(meta);
  return {
    ruleId: meta.id,
    slug: meta.slug,
    messageId: descriptor.messageId,
    aliases: constants.aliases,
    kind: meta.kind,
    severity: meta.severity,
    title: meta.title,
    message: formatMessage(template, descriptor.data),
    location,
    compliance: constants.compliance,
    fingerprint: fingerprint([meta.id, artifact.fingerprintPath ?? location.path, artifact.identity, descriptor.messageId, identity]),
    remediation: meta.remediation,
    helpUri: constants.helpUri,
    ...waiverOf(meta, artifact),
    ...(descriptor.evidence !== undefined ? { evidence: descriptor.evidence } : excerpt === '' ? {} : { evidence: firstLine(excerpt) }),
  };
}

/** A waiver the artifact declares for this rule (e.g. a Kubernetes `palisade.dev/ignore` annotation). */
function waiverOf(meta: RuleMeta, artifact: Artifact): { suppression?: Suppression } {
  const waiver = artifact.waivers?.find((candidate) => ruleMatchesSelector(meta, candidate.selector));
  if (waiver === undefined) return {};
  return { suppression: { kind: 'inline', reason: waiver.reason, source: artifact.locate(waiver.at) } };
}

function textAt(artifact: Artifact, location: Location): string {
  if (location.startLine === undefined || location.endLine === undefined) return '';
  const { lines, text } = artifact.source;
  const start = lines.lineStart(location.startLine) + (location.startColumn ?? 1) - 1;
  const end = lines.lineStart(location.endLine) + (location.endColumn ?? 1) - 1;
  return text.slice(start, Math.max(start, end));
}

/** Runs of whitespace as one space, trimmed; most excerpts have no run to collapse (then no new string). */
function normalise(text: string): string {
  return (COLLAPSIBLE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  const trimmed = line.trim();
  return trimmed.length > EVIDENCE_MAX ? `${trimmed.slice(0, EVIDENCE_MAX - 1)}…` : trimmed;
}

/** Identical findings in one file (same rule, same text) get an ordinal so their fingerprints stay distinct. */
function disambiguateFingerprints(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const count = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, count + 1);
    if (count === 0) return finding;
    return { ...finding, fingerprint: fingerprint([finding.fingerprint, String(count)]) };
  });
}
