import type { Artifact, Rule } from '../core/index.ts';
import type { RuleGate } from '../secrets/rule-gate.ts';
import { createRuleGate } from '../secrets/rule-gate.ts';
import { textRulesOf } from '../scan/text-pool.ts';

/** Distinct selections kept per rule list (each is a set of the secret rules whose keywords an object holds). */
const MAX_SELECTIONS = 256;

interface TextRuleSelection {
  readonly gate: RuleGate;
  /** Each selection seen, by the ids of its rules: the same list object every time it recurs. */
  readonly lists: Map<string, readonly Rule[]>;
}

/** One gate per engine rule list (an engine's list is the same for every request). */
const selections = new WeakMap<readonly Rule[], TextRuleSelection>();

/**
 * The rules to run on one analyzer's artifacts: for the text artifact of an admitted object, only the
 * rules that can report on it, as a scan's text pool picks them (`createRuleGate`: a secret rule runs
 * only when one of its keywords is in the text); otherwise every rule. Running these gives the
 * findings, in the order, that running all of them gives.
 *
 * The selection is returned as the same array whenever it recurs: `runRules` remembers its rules by
 * target in a `WeakMap` keyed by the list, and a new list per request would be a young key, whose
 * entry V8's scavenger keeps alive until a full collection (decision 0035-e).
 */
export function rulesForArtifacts(rules: readonly Rule[], artifacts: readonly Artifact[]): readonly Rule[] {
  const [artifact] = artifacts;
  if (artifacts.length !== 1 || artifact === undefined || artifact.kind !== 'text' || !hasKeywords(artifact)) return rules;
  let selection = selections.get(rules);
  if (selection === undefined) {
    selection = { gate: createRuleGate(textRulesOf(rules)), lists: new Map() };
    selections.set(rules, selection);
  }
  const selected = selection.gate.select(artifact.keywords);
  const key = selected.map((rule) => rule.meta.id).join('\n');
  const known = selection.lists.get(key);
  if (known !== undefined) return known;
  if (selection.lists.size >= MAX_SELECTIONS) selection.lists.clear();
  selection.lists.set(key, selected);
  return selected;
}

function hasKeywords(artifact: Artifact): artifact is Artifact & { readonly keywords: ReadonlySet<string> } {
  return 'keywords' in artifact && artifact.keywords instanceof Set;
}
