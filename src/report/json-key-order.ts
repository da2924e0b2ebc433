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
