import type { Finding, Rule, RuleMeta, RuleTarget, Severity } from '../core/index.ts';
import { PalisadeError, aliasStrings, editDistance, err, ok, type Result } from '../core/index.ts';

/** The area pack every rule belongs to, by the artifact it reads. */
const AREA_PACKS = {
  dockerfile: 'dockerfile',
  'kubernetes-object': 'kubernetes',
  'package-inventory': 'packages',
  'image-config': 'image',
  text: 'secrets',
  'audit-event': 'audit',
  gate: 'gate',
} as const satisfies Record<RuleTarget, string>;

/** Packs a rule belongs to: its own, its area's, `all`, `recommended` when stable, and each compliance framework it maps to. */
export function packsOf(meta: RuleMeta): string[] {
  const frameworks = meta.compliance.map((id) => id.slice(0, id.indexOf(':')));
  const packs = new Set(['all', AREA_PACKS[meta.target], ...meta.packs, ...frameworks]);
  if (meta.stability === 'stable') packs.add('recommended');
  return [...packs].sort();
}

/** A selector is a rule id, slug, `tool:id` alias or pack name (case-insensitive). */
export function ruleMatchesSelector(meta: RuleMeta, selector: string): boolean {
  const wanted = selector.trim().toLowerCase();
  if (meta.id.toLowerCase() === wanted || meta.slug === wanted) return true;
  if (aliasStrings(meta).some((alias) => alias.toLowerCase() === wanted)) return true;
  return packsOf(meta).includes(wanted);
}

export interface RuleSelection {
  /** `--rules`: when given, only rules matching one of these (explicitly named experimental rules included). */
  readonly include?: readonly string[] | undefined;
  /** `--skip-rules`: rules matching one of these are dropped. */
  readonly exclude?: readonly string[] | undefined;
}

/** Applies `--rules` / `--skip-rules`. Without `include`, the default set is the stable rules. Unknown selectors are an error. */
export function selectRules(all: readonly Rule[], selection: RuleSelection): Result<Rule[], PalisadeError> {
  const include = selection.include ?? [];
  const exclude = selection.exclude ?? [];
  const unknown = [...include, ...exclude].filter((selector) => !all.some((rule) => ruleMatchesSelector(rule.meta, selector)));
  if (unknown.length > 0) {
    return err(new PalisadeError('RULE_UNKNOWN', `Unknown rule selector${unknown.length > 1 ? 's' : ''}: ${unknown.map((s) => `"${s}"`).join(', ')}${suggest(all, unknown[0] ?? '')}`));
  }
  const base = include.length === 0 ? all.filter((rule) => rule.meta.stability === 'stable') : all.filter((rule) => include.some((selector) => ruleMatchesSelector(rule.meta, selector)));
  return ok(base.filter((rule) => !exclude.some((selector) => ruleMatchesSelector(rule.meta, selector))));
}

/** Finds a rule's metadata by id, slug or alias (for `rules explain`). */
export function findRuleMeta(metas: readonly RuleMeta[], name: string): RuleMeta | undefined {
  const wanted = name.trim().toLowerCase();
  return metas.find((meta) => meta.id.toLowerCase() === wanted || meta.slug === wanted || aliasStrings(meta).some((alias) => alias.toLowerCase() === wanted));
}

function suggest(all: readonly Rule[], selector: string): string {
  const wanted = selector.toLowerCase();
  const candidates = all.flatMap((rule) => [rule.meta.slug, rule.meta.id, ...aliasStrings(rule.meta)]);
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '. Run `palisade rules list` to see every rule.' : ` (did you mean "${best}"?)`;
}

/** Applies `severityOverrides` (selector → severity) to findings; the last matching selector wins. */
export function overrideSeverities(findings: readonly Finding[], overrides: Readonly<Record<string, Severity>>, metas: readonly RuleMeta[]): Finding[] {
  const entries = Object.entries(overrides);
  if (entries.length === 0) return [...findings];
  const byId = new Map(metas.map((meta) => [meta.id, meta]));
  return findings.map((finding) => {
    const meta = byId.get(finding.ruleId);
    if (meta === undefined) return finding;
    const severity = entries.findLast(([selector]) => ruleMatchesSelector(meta, selector))?.[1];
    return severity === undefined || severity === finding.severity ? finding : { ...finding, severity };
  });
}
