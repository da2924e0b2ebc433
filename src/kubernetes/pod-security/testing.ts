import type { Rule } from '../../core/index.ts';

/** A rule with options set, for tests (throws on options its schema refuses). */
export function configuredRule(rule: Rule, options: Readonly<Record<string, unknown>>): Rule {
  const result = rule.configure(options);
  if (!result.ok) throw new Error(`${rule.meta.slug}: ${result.error.join('; ')}`);
  return result.value;
}
