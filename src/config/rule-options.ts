import type { PalisadeError, Result, Rule, RuleMeta } from '../core/index.ts';
import { err, ok, toJsonPointer } from '../core/index.ts';
import type { PalisadeConfig } from './schema.ts';
import { issuesError } from './schema-issues.ts';
import type { SourceIssue, YamlSource } from './yaml-source.ts';
import { keyPositionOf, positionOf } from './yaml-source.ts';

export interface RuleOptionsRequest {
  readonly path: string;
  /** The parsed configuration file, for positions (absent when options come from elsewhere). */
  readonly source: YamlSource | undefined;
  readonly ruleOptions: NonNullable<PalisadeConfig['ruleOptions']>;
  /** Every rule of the catalogue: a selector must name at least one. */
  readonly all: readonly Rule[];
  /** The rules that will run: these are configured. */
  readonly selected: readonly Rule[];
  readonly matches: (meta: RuleMeta, selector: string) => boolean;
}

/**
 * Applies `ruleOptions`: each `selector: { option: value }` entry gives the option to every matching rule
 * that declares it. A selector that matches no rule, an option no matching rule declares, or a value its
 * schema rejects is a CONFIG_INVALID error naming the line. Returns the selected rules, configured.
 */
export function resolveRuleOptions(request: RuleOptionsRequest): Result<Rule[], PalisadeError> {
  const issues: SourceIssue[] = [];
  const values = new Map<Rule, { options: Record<string, unknown>; pointers: Record<string, string> }>();
  for (const [selector, options] of Object.entries(request.ruleOptions)) {
    const base = toJsonPointer(['ruleOptions', selector]);
    const matched = request.all.filter((rule) => request.matches(rule.meta, selector));
    if (matched.length === 0) {
      issues.push(issueAt(request, '/ruleOptions', selector, `no rule matches "${selector}"`));
      continue;
    }
    for (const [key, value] of Object.entries(options)) {
      const declaring = matched.filter((rule) => rule.meta.options?.schema.properties[key] !== undefined);
      if (declaring.length === 0) issues.push(issueAt(request, base, key, `"${key}" is not an option of ${describe(matched)}`));
      for (const rule of declaring.filter((candidate) => request.selected.includes(candidate))) {
        const entry = values.get(rule) ?? { options: {}, pointers: {} };
        entry.options[key] = value;
        entry.pointers[key] = `${base}${toJsonPointer([key])}`;
        values.set(rule, entry);
      }
    }
  }
  const configured = request.selected.map((rule) => {
    const entry = values.get(rule);
    if (entry === undefined) return rule;
    const result = rule.configure(entry.options);
    if (result.ok) return result.value;
    const pointer = Object.values(entry.pointers)[0] ?? '/ruleOptions';
    for (const problem of result.error) issues.push(issueAt(request, pointer, undefined, `${rule.meta.slug}: ${problem}`));
    return rule;
  });
  return issues.length === 0 ? ok(configured) : err(issuesError('CONFIG_INVALID', request.path, issues));
}

function issueAt(request: RuleOptionsRequest, pointer: string, key: string | undefined, message: string): SourceIssue {
  if (request.source === undefined) return { line: 1, column: 1, message };
  const position = key === undefined ? positionOf(request.source, pointer) : keyPositionOf(request.source, pointer, key);
  return { ...position, message };
}

function describe(rules: readonly Rule[]): string {
  const slugs = rules.map((rule) => rule.meta.slug);
  const named = slugs.length > 3 ? `${slugs.slice(0, 3).join(', ')} and ${slugs.length - 3} more` : slugs.join(', ');
  const declared = [...new Set(rules.flatMap((rule) => Object.keys(rule.meta.options?.schema.properties ?? {})))].sort();
  return `${named}${declared.length === 0 ? ' (no options)' : ` (options: ${declared.join(', ')})`}`;
}

export interface SelectorKeysRequest<Meta = RuleMeta> {
  readonly path: string;
  readonly source: YamlSource | undefined;
  /** The mapping whose keys are selectors, e.g. `/severityOverrides`. */
  readonly pointer: string;
  readonly selectors: readonly string[];
  /** The metadata of every rule (or what selectors match of it: the rule manifest's entries). */
  readonly metas: readonly Meta[];
  readonly matches: (meta: Meta, selector: string) => boolean;
}

/** A CONFIG_INVALID error naming the line of every key of a selector mapping that matches no rule. */
export function checkSelectorKeys<Meta>(request: SelectorKeysRequest<Meta>): Result<void, PalisadeError> {
  const issues = request.selectors
    .filter((selector) => !request.metas.some((meta) => request.matches(meta, selector)))
    .map((selector) => {
      const position = request.source === undefined ? { line: 1, column: 1 } : keyPositionOf(request.source, request.pointer, selector);
      return { ...position, message: `no rule matches "${selector}"` };
    });
  return issues.length === 0 ? ok(undefined) : err(issuesError('CONFIG_INVALID', request.path, issues));
}
