import type { Rule } from '../core/index.ts';
import { isCostlyScreen } from './byte-screens.ts';

/** A necessary condition for a rule's finding, on a file's UTF-8 bytes (byte-screens.ts). */
export type BytesScreen = (bytes: Uint8Array, length: number) => boolean;

/** The keywords of rules that run only on files holding one of them (detector rules register theirs). */
const gatedBy = new WeakMap<Rule, readonly string[]>();
const screenedBy = new WeakMap<Rule, BytesScreen>();

/**
 * Records that `rule` reports nothing on a text artifact whose keyword set holds none of `keywords`,
 * nor on a file whose bytes fail `screen`.
 */
export function registerRuleKeywords(rule: Rule, keywords: readonly string[], screen?: BytesScreen): Rule {
  gatedBy.set(rule, keywords);
  if (screen !== undefined) screenedBy.set(rule, screen);
  return rule;
}

/**
 * Picks, from the rules of a scan, those that can report on a file with the given prefilter keywords:
 * a registered rule when one of its keywords is present, every other rule always. The order of
 * `rules` is kept (it is the order of the findings). Running only these gives the same findings as
 * running all of them, without calling each rule on each file.
 */
export interface RuleGate {
  /**
   * With the file's bytes (`bytes[0..length)`, UTF-8), the rules whose byte screen fails are left
   * out too: when none is left, the file need not be decoded. Screens run only while they can spare
   * the decoding: not when a picked rule has none, and not after one passes (the rules not yet
   * screened are then picked as they are; a rule finds nothing where its screen would fail). Costly
   * screens (isCostlyScreen) run last.
   */
  select(keywords: ReadonlySet<string>, bytes?: Uint8Array, length?: number): readonly Rule[];
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
  const screens = rules.map((rule) => screenedBy.get(rule));
  const costly = screens.map((screen) => screen !== undefined && isCostlyScreen(screen));
  // Which rules the current `select` has picked: a stamp per rule, so nothing is cleared between files.
  const stamps = new Uint32Array(rules.length);
  let generation = 0;
  // Screens in the order they run: native searches first, whole-file JavaScript passes last.
  const screenOrder = (index: number): number => (costly[index] === true ? 1 : 0);
  /** The rules left once screens have run up to the first that passes (the file is then decoded: the rest run unscreened). */
  const screened = (candidates: readonly number[], bytes: Uint8Array, length: number): number[] => {
    for (const [position, index] of candidates.entries()) {
      if (screens[index]?.(bytes, length) !== false) return candidates.slice(position);
    }
    return [];
  };
  return {
    select(keywords, bytes, length) {
      generation = generation === 0xffffffff ? 1 : generation + 1;
      if (generation === 1) stamps.fill(0);
      for (const index of always) stamps[index] = generation;
      let picked: number[] = [];
      let unscreened = always.length > 0 || bytes === undefined;
      for (const keyword of keywords) {
        for (const index of byKeyword.get(keyword) ?? []) {
          if (stamps[index] === generation) continue;
          stamps[index] = generation;
          picked.push(index);
          if (screens[index] === undefined) unscreened = true;
        }
      }
      if (!unscreened && bytes !== undefined) picked = screened(picked.sort((a, b) => screenOrder(a) - screenOrder(b)), bytes, length ?? bytes.byteLength);
      if (picked.length === 0) return alwaysRules;
      picked.push(...always);
      picked.sort((a, b) => a - b);
      return picked.map((index) => rules[index]).filter((rule) => rule !== undefined);
    },
  };
}
