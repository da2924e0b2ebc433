import type { Finding, FindingKind, Report, RuleMeta, Severity } from '../core/index.ts';
import { aliasStrings, ruleDocsUrl } from '../core/index.ts';
import { compareText } from './common.ts';

/** Severity → SARIF `level`, in one place (STYLE 3.5). */
export const SARIF_LEVELS = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
} as const satisfies Record<Severity, 'error' | 'warning' | 'note'>;

/**
 * Severity → GitHub code scanning's `security-severity` (a string score; GitHub reads over 9.0 as
 * critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low, and 0.0 as no security severity).
 */
export const SECURITY_SEVERITY = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
} as const satisfies Record<Severity, string>;

/** GitHub limits: descriptions to 1024 characters, names to 255, and keeps only the first 10 tags. */
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;
const MAX_TAGS = 10;

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri: string;
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' | 'note' };
  readonly properties: {
    readonly tags: readonly string[];
    readonly 'security-severity': string;
    readonly precision: 'high' | 'medium';
    readonly [key: string]: unknown;
  };
}

/** What a SARIF rule descriptor is made from: a rule's metadata, or what a finding carries of it. */
interface RuleFacts {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly severity: Severity;
  readonly kind: FindingKind;
  readonly precise: boolean;
  readonly description: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly aliases: readonly string[];
  readonly compliance: readonly string[];
  readonly helpUri: string;
}

/**
 * The run's rule descriptors, sorted by id: the report's rules, plus a descriptor made from the
 * finding itself for any finding whose rule metadata is missing (so every result has a ruleIndex).
 */
export function sarifRules(report: Report): SarifRule[] {
  const byId = new Map<string, SarifRule>();
  for (const rule of report.rules) byId.set(rule.id, describeRule(factsOfRule(rule)));
  for (const finding of report.findings) {
    if (!byId.has(finding.ruleId)) byId.set(finding.ruleId, describeRule(factsOfFinding(finding)));
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

function factsOfRule(rule: RuleMeta): RuleFacts {
  return {
    ...rule,
    precise: rule.stability === 'stable',
    aliases: aliasStrings(rule),
    helpUri: ruleDocsUrl(rule.slug),
  };
}

function factsOfFinding(finding: Finding): RuleFacts {
  return {
    id: finding.ruleId,
    slug: finding.slug,
    title: finding.title,
    severity: finding.severity,
    kind: finding.kind,
    precise: true,
    description: finding.title,
    remediation: finding.remediation ?? '',
    references: [],
    aliases: finding.aliases,
    compliance: finding.compliance,
    helpUri: finding.helpUri ?? ruleDocsUrl(finding.slug),
  };
}

function describeRule(rule: RuleFacts): SarifRule {
  const description = rule.description === '' ? rule.title : rule.description;
  return {
    id: rule.id,
    name: truncate(rule.slug, MAX_NAME),
    shortDescription: { text: truncate(rule.title, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(description, MAX_DESCRIPTION) },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
    properties: {
      tags: [...new Set(['security', rule.kind, ...rule.compliance])].slice(0, MAX_TAGS),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: rule.precise ? 'high' : 'medium',
      ...(rule.compliance.length === 0 ? {} : { compliance: [...rule.compliance] }),
      ...(rule.aliases.length === 0 ? {} : { aliases: [...rule.aliases] }),
    },
  };
}

function helpText(rule: RuleFacts): string {
  const parts = [rule.description, rule.remediation === '' ? '' : `Remediation: ${rule.remediation}`];
  if (rule.references.length > 0) parts.push(`References:\n${rule.references.map((url) => `- ${url}`).join('\n')}`);
  return parts.filter((part) => part !== '').join('\n\n');
}

function helpMarkdown(rule: RuleFacts): string {
  const parts = [rule.description, rule.remediation === '' ? '' : `**Remediation:** ${rule.remediation}`];
  if (rule.references.length > 0) parts.push(`**References:**\n\n${rule.references.map((url) => `- <${url}>`).join('\n')}`);
  if (rule.compliance.length > 0) parts.push(`**Compliance:** ${rule.compliance.map((id) => `\`${id}\``).join(', ')}`);
  return parts.filter((part) => part !== '').join('\n\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
