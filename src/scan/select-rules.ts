import type { Finding, Rule, RuleAlias, RuleMeta, RuleTarget, Severity } from '../core/index.ts';
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

/** What selectors are matched against: a rule's metadata, or its entry in the rule manifest (lazy-catalog.ts). */
export type SelectorMeta = Pick<RuleMeta, 'id' | 'slug' | 'target' | 'stability' | 'packs' | 'compliance'> & {
  readonly aliases: readonly Pick<RuleAlias, 'tool' | 'id'>[];
};

/** Packs a rule belongs to: its own, its area's, `all`, `recommended` when stable, and each compliance framework it maps to. */
export function packsOf(meta: SelectorMeta): string[] {
  const frameworks = meta.compliance.map((id) => id.slice(0, id.indexOf(':')));
  const packs = new Set(['all', AREA_PACKS[meta.target], ...meta.packs, ...frameworks]);
  if (meta.stability === 'stable') packs.add('recommended');
  return [...packs].sort();
}

/** A selector is a rule id, slug, `tool:id` alias or pack name (case-insensitive). */
export function ruleMatchesSelector(meta: SelectorMeta, selector: string): boolean {
  const wanted = selector.trim().toLowerCase();
  if (meta.id.toLowerCase() === wanted || meta.slug === wanted) return true;
  if (meta.aliases.some((alias) => `${alias.tool}:${alias.id}`.toLowerCase() === wanted)) return true;
  return inPack(meta, wanted);
}

/**
 * Whether `packsOf(meta)` holds `pack`, without building the list: selectors are matched against
 * every rule of the manifest at start-up (355 rules, a Set and a sort each cost a one-file scan
 * a few ms; decision 0037-c-start-up-chunks-and-built-ins).
 */
function inPack(meta: SelectorMeta, pack: string): boolean {
  if (pack === 'all' || pack === AREA_PACKS[meta.target] || (pack === 'recommended' && meta.stability === 'stable')) return true;
  return meta.packs.includes(pack) || meta.compliance.some((id) => id.slice(0, id.indexOf(':')) === pack);
}

export interface RuleSelection {
  /** `--rules`: when given, only rules matching one of these (explicitly named experimental rules included). */
  readonly include?: readonly string[] | undefined;
  /** `--skip-rules`: rules matching one of these are dropped. */
  readonly exclude?: readonly string[] | undefined;
}

/** Applies `--rules` / `--skip-rules`. Without `include`, the default set is the stable rules. Unknown selectors are an error. */
export function selectRules(all: readonly Rule[], selection: RuleSelection): Result<Rule[], PalisadeError> {
  const unknown = unknownSelectorError(
    all.map((rule) => rule.meta),
    [...(selection.include ?? []), ...(selection.exclude ?? [])],
  );
  return unknown === undefined ? ok(pickRules(all, selection)) : err(unknown);
}

/** The RULE_UNKNOWN error for the selectors that match none of `metas` (with a suggestion), if any. */
export function unknownSelectorError(metas: readonly SelectorMeta[], selectors: readonly string[]): PalisadeError | undefined {
  const unknown = selectors.filter((selector) => !metas.some((meta) => ruleMatchesSelector(meta, selector)));
  if (unknown.length === 0) return undefined;
  return new PalisadeError('RULE_UNKNOWN', `Unknown rule selector${unknown.length > 1 ? 's' : ''}: ${unknown.map((s) => `"${s}"`).join(', ')}${suggest(metas, unknown[0] ?? '')}`);
}

/** `selectRules` without the check of unknown selectors (made beforehand, against every rule of the catalogue). */
export function pickRules(all: readonly Rule[], selection: RuleSelection): Rule[] {
  const include = selection.include ?? [];
  const exclude = selection.exclude ?? [];
  const base = include.length === 0 ? all.filter((rule) => rule.meta.stability === 'stable') : all.filter((rule) => include.some((selector) => ruleMatchesSelector(rule.meta, selector)));
  return base.filter((rule) => !exclude.some((selector) => ruleMatchesSelector(rule.meta, selector)));
}

/** Finds a rule's metadata by id, slug or alias (for `rules explain`). */
export function findRuleMeta(metas: readonly RuleMeta[], name: string): RuleMeta | undefined {
  const wanted = name.trim().toLowerCase();
  return metas.find((meta) => meta.id.toLowerCase() === wanted || meta.slug === wanted || aliasStrings(meta).some((alias) => alias.toLowerCase() === wanted));
}

function suggest(metas: readonly SelectorMeta[], selector: string): string {
  const wanted = selector.toLowerCase();
  const candidates = metas.flatMap((meta) => [meta.slug, meta.id, ...meta.aliases.map((alias) => `${alias.tool}:${alias.id}`)]);
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
