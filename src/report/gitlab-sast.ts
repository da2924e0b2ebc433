// GitLab's security report format (SAST, schema 15.0.7) for `artifacts:reports:sast`, so findings show
// in merge requests and the vulnerability report. A reporter: `(report, options) => text`.
import { createHash } from 'node:crypto';
import type { Finding, Report, Severity } from '../core/index.ts';

export const GITLAB_SAST_VERSION = '15.0.7';

const SEVERITIES: Readonly<Record<Severity, string>> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
const MAX_IDENTIFIERS = 20;

interface Identifier {
  readonly type: string;
  readonly name: string;
  readonly value: string;
  readonly url?: string;
}

/** A stable UUID-shaped id from the finding's fingerprint (GitLab recommends a UUID). */
function uuidOf(fingerprint: string): string {
  const hex = createHash('sha256').update(`palisade:${fingerprint}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The primary identifier is the rule (GitLab tracks vulnerabilities by it); then the advisory ids and other tools' ids. */
function identifiers(finding: Finding): Identifier[] {
  const list: Identifier[] = [{ type: 'palisade_rule_id', name: `Palisade ${finding.ruleId} (${finding.slug})`, value: finding.ruleId, ...(finding.helpUri === undefined ? {} : { url: finding.helpUri }) }];
  const vulnerability = finding.vulnerability;
  if (vulnerability !== undefined) {
    for (const id of [vulnerability.id, ...vulnerability.aliases]) {
      const cve = /^CVE-\d{4}-\d+$/.test(id);
      list.push({ type: cve ? 'cve' : id.split('-')[0]?.toLowerCase() ?? 'advisory', name: id, value: id, ...(cve ? { url: `https://nvd.nist.gov/vuln/detail/${id}` } : {}) });
    }
  }
  for (const alias of finding.aliases) {
    const colon = alias.indexOf(':');
    if (colon > 0) list.push({ type: `${alias.slice(0, colon)}_id`.replace(/[^a-z0-9_]/gi, '_').toLowerCase(), name: alias, value: alias.slice(colon + 1) });
  }
  return list.slice(0, MAX_IDENTIFIERS);
}

function vulnerability(finding: Finding): Record<string, unknown> {
  const { path, startLine, endLine } = finding.location;
  return {
    id: uuidOf(finding.fingerprint),
    name: finding.title,
    description: finding.message,
    severity: SEVERITIES[finding.severity],
    ...(finding.remediation === undefined ? {} : { solution: finding.remediation }),
    identifiers: identifiers(finding),
    ...(finding.helpUri === undefined ? {} : { links: [{ url: finding.helpUri }] }),
    location: { file: path, ...(startLine === undefined ? {} : { start_line: startLine, end_line: Math.max(startLine, endLine ?? startLine) }) },
  };
}

/** `YYYY-MM-DDTHH:MM:SS` (UTC), the only timestamp form the schema accepts. */
function timestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * The report in GitLab's SAST format. Waived findings are left out (GitLab has its own dismissal
 * workflow, and a waived finding must not reappear as a new vulnerability); scan errors do not
 * change `status`, which stays `success` when the report was produced.
 */
export function gitlabSastReporter(report: Report, _options: { readonly color: boolean }, now: Date = new Date()): string {
  const tool = { id: 'palisade', name: 'Palisade', version: report.tool.version, vendor: { name: 'Palisade' } };
  const document = {
    version: GITLAB_SAST_VERSION,
    scan: {
      analyzer: tool,
      scanner: { ...tool, url: 'https://github.com/palisade-dev/palisade' },
      type: 'sast',
      start_time: timestamp(now),
      end_time: timestamp(now),
      status: 'success',
    },
    vulnerabilities: report.findings.filter((finding) => finding.suppression === undefined).map(vulnerability),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
