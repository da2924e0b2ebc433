/**
 * The one list of every area's analyzers, rules and reporters. Only this file knows all areas;
 * nothing registers itself by being imported.
 */
import type { Analyzer, Rule, RuleMeta } from './core/index.ts';
import { RULE_STABILITIES, SEVERITIES } from './core/index.ts';
import { isKnownComplianceId } from './compliance/index.ts';
import { dockerfileAnalyzer, dockerfileRules } from './dockerfile/index.ts';
import { gateRuleMetas } from './gate/index.ts';
import { imageConfigAnalyzer, imageRules } from './image/index.ts';
import { kubernetesAnalyzer, kubernetesRules } from './kubernetes/index.ts';
import { packageAnalyzers } from './packages/index.ts';
import { secretRules, textAnalyzer } from './secrets/index.ts';

export const analyzers: readonly Analyzer[] = Object.freeze([dockerfileAnalyzer, kubernetesAnalyzer, ...packageAnalyzers, textAnalyzer, imageConfigAnalyzer]);

/** Every rule that reads artifacts, in id order. */
export const rules: readonly Rule[] = Object.freeze([...dockerfileRules, ...kubernetesRules, ...secretRules, ...imageRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id)));

/** Metadata of every rule, including the gate's own (expired exceptions …), for `rules list` and docs. */
export const ruleMetas: readonly RuleMeta[] = Object.freeze([...rules.map((rule) => rule.meta), ...gateRuleMetas]);

const ID_PATTERN = /^[A-Z][A-Z0-9]{1,7}-\d{4}$/;
const SLUG_PATTERN = /^(no|require|use)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Checks the catalogue's invariants; returns one line per problem (empty when sound). */
export function validateCatalog(metas: readonly RuleMeta[] = ruleMetas): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const meta of metas) {
    const where = `${meta.id} (${meta.slug})`;
    for (const key of [meta.id, meta.slug]) {
      const previous = seen.get(key);
      if (previous !== undefined) problems.push(`${where}: "${key}" is already used by ${previous}`);
      seen.set(key, where);
    }
    if (!ID_PATTERN.test(meta.id)) problems.push(`${where}: id must look like AREA-0001`);
    if (!SLUG_PATTERN.test(meta.slug)) problems.push(`${where}: slug must be kebab-case starting with no-, require- or use-`);
    if (!SEVERITIES.includes(meta.severity)) problems.push(`${where}: unknown severity ${meta.severity}`);
    if (!RULE_STABILITIES.includes(meta.stability)) problems.push(`${where}: unknown stability ${meta.stability}`);
    if (!/^[A-Z].*\.$/s.test(meta.remediation.trim())) problems.push(`${where}: remediation must be a sentence ending with a period`);
    if (meta.title.endsWith('.')) problems.push(`${where}: title must not end with a period`);
    for (const reference of meta.references) if (!reference.startsWith('https://')) problems.push(`${where}: reference ${reference} is not HTTPS`);
    for (const id of meta.compliance) if (!isKnownComplianceId(id)) problems.push(`${where}: unknown compliance control ${id}`);
    if (Object.keys(meta.messages).length === 0) problems.push(`${where}: no messages`);
  }
  return problems;
}
