import type { Finding, Location, Report, RuleMeta, ScanError, Suppression } from '../core/index.ts';
import type { ReporterOptions } from './reporter.ts';

/**
 * Key order of every object in the JSON report. It matches the order of `properties` in
 * schemas/report.schema.json (a test keeps them in step). Keys not listed here (fields added to the
 * model later) follow in alphabetical order, so the output stays stable.
 */
export const JSON_KEY_ORDER = {
  report: ['schemaVersion', 'tool', 'target', 'findings', 'errors', 'summary', 'rules'],
  tool: ['name', 'version'],
  finding: [
    'ruleId', 'slug', 'messageId', 'aliases', 'kind', 'severity', 'title', 'message', 'location', 'compliance',
    'fingerprint', 'remediation', 'helpUri', 'evidence', 'package', 'vulnerability', 'suppression',
  ],
  location: ['path', 'startLine', 'startColumn', 'endLine', 'endColumn', 'object', 'jsonPointer'],
  kubernetesObject: ['apiVersion', 'kind', 'namespace', 'name'],
  package: ['name', 'version', 'ecosystem', 'purl'],
  vulnerability: ['id', 'aliases', 'fixedVersions', 'cvss'],
  cvss: ['version', 'vector', 'score'],
  suppression: ['kind', 'reason', 'owner', 'ticket', 'expires', 'source'],
  scanError: ['path', 'code', 'message', 'startLine', 'startColumn'],
  summary: ['bySeverity', 'total', 'suppressed', 'failOn', 'failing', 'filesScanned'],
  severityCounts: ['critical', 'high', 'medium', 'low', 'info'],
  rule: [
    'id', 'slug', 'title', 'severity', 'kind', 'stability', 'since', 'target', 'description', 'remediation',
    'references', 'aliases', 'compliance', 'packs', 'messages', 'replacedBy',
  ],
  ruleAlias: ['tool', 'id', 'relation'],
} as const satisfies Record<string, readonly string[]>;

/** The JSON report: exactly the Report model, keys in a stable order, two-space indent, final newline. */
export function jsonReporter(report: Report, _options: ReporterOptions): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}

function canonicalReport(report: Report): Record<string, unknown> {
  return orderKeys(
    {
      ...report,
      tool: orderKeys(report.tool, JSON_KEY_ORDER.tool),
      findings: report.findings.map(canonicalFinding),
      errors: report.errors.map((error: ScanError) => orderKeys(error, JSON_KEY_ORDER.scanError)),
      summary: orderKeys(
        { ...report.summary, bySeverity: orderKeys(report.summary.bySeverity, JSON_KEY_ORDER.severityCounts) },
        JSON_KEY_ORDER.summary,
      ),
      rules: report.rules.map(canonicalRule),
    },
    JSON_KEY_ORDER.report,
  );
}

function canonicalFinding(finding: Finding): Record<string, unknown> {
  const { package: pkg, vulnerability, suppression } = finding;
  return orderKeys(
    {
      ...finding,
      location: canonicalLocation(finding.location),
      package: pkg === undefined ? undefined : orderKeys(pkg, JSON_KEY_ORDER.package),
      vulnerability:
        vulnerability === undefined
          ? undefined
          : orderKeys(
              { ...vulnerability, cvss: vulnerability.cvss === undefined ? undefined : orderKeys(vulnerability.cvss, JSON_KEY_ORDER.cvss) },
              JSON_KEY_ORDER.vulnerability,
            ),
      suppression: suppression === undefined ? undefined : canonicalSuppression(suppression),
    },
    JSON_KEY_ORDER.finding,
  );
}

function canonicalLocation(location: Location): Record<string, unknown> {
  const { object } = location;
  return orderKeys(
    { ...location, object: object === undefined ? undefined : orderKeys(object, JSON_KEY_ORDER.kubernetesObject) },
    JSON_KEY_ORDER.location,
  );
}

function canonicalSuppression(suppression: Suppression): Record<string, unknown> {
  const { source } = suppression;
  return orderKeys({ ...suppression, source: source === undefined ? undefined : canonicalLocation(source) }, JSON_KEY_ORDER.suppression);
}

function canonicalRule(rule: RuleMeta): Record<string, unknown> {
  return orderKeys(
    {
      ...rule,
      aliases: rule.aliases.map((alias) => orderKeys(alias, JSON_KEY_ORDER.ruleAlias)),
      messages: orderKeys(rule.messages, []),
    },
    JSON_KEY_ORDER.rule,
  );
}

/** A copy with the listed keys first, in that order, then any other keys alphabetically; undefined values dropped. */
function orderKeys(value: object, order: readonly string[]): Record<string, unknown> {
  const entries = new Map(Object.entries(value));
  const known = order.filter((key) => entries.has(key));
  const rest = [...entries.keys()].filter((key) => !order.includes(key)).sort();
  const ordered: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    const item: unknown = entries.get(key);
    if (item !== undefined) ordered[key] = item;
  }
  return ordered;
}
