import type { Rule } from '../core/index.ts';

/** The keywords of rules that run only on files holding one of them (detector rules register theirs). */
const gatedBy = new WeakMap<Rule, readonly string[]>();

/** Records that `rule` reports nothing on a text artifact whose keyword set holds none of `keywords`. */
export function registerRuleKeywords(rule: Rule, keywords: readonly string[]): Rule {
  gatedBy.set(rule, keywords);
  return rule;
}

/**
 * Picks, from the rules of a scan, those that can report on a file with the given prefilter keywords:
 * a registered rule when one of its keywords is present, every other rule always. The order of
 * `rules` is kept (it is the order of the findings). Running only these gives the same findings as
 * running all of them, without calling each rule on each file.
 */
export interface RuleGate {
  select(keywords: ReadonlySet<string>): readonly Rule[];
}

export function createRuleGate(rules: readonly Rule[]): RuleGate {
  const byKeyword = new Map<string, number[]>();
  const always: number[] = [];
  rules.forEach((rule, index) => {
    const keywords = gatedBy.get(rule);
    if (keywords === undefined) always.push(index);
    for (const keyword of keywords ?? []) byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), index]);
  });
  const alwaysRules = always.map((index) => rules[index]).filter((rule) => rule !== undefined);
  return {
    select(keywords) {
      const picked = new Set<number>(always);
      for (const keyword of keywords) for (const index of byKeyword.get(keyword) ?? []) picked.add(index);
      if (picked.size === always.length) return alwaysRules;
      return [...picked].sort((a, b) => a - b).flatMap((index) => rules[index] ?? []);
    },
  };
}
