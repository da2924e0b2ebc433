const DOCS = 'https://github.com/palisade-dev/palisade/blob/main/docs';

/** `.palisade.yaml`: the defaults written out, so a reader sees what the gate does and where to change it. */
export function palisadeConfig(): string {
  return `# Palisade configuration: ${DOCS}/configuration.md
# Every key is optional; command-line flags override this file.
scanners: [misconfig, secret, vuln, policy]
# Exit code 1 when a finding that is not waived is at or above this severity.
failOn: high
# Reviewed, owned and time-boxed risk acceptances are read from .palisade/exceptions.yaml when it
# exists; name another file here (it must then exist):
# exceptions: security/exceptions.yaml
# Paths to skip, as .gitignore patterns (the scan already honours .gitignore).
ignorePaths: []
# Rule options, keyed by a rule, a pack or a tool alias, for example:
# ruleOptions:
#   pod-security: { level: baseline }
`;
}

/** The day `days` after `now`, as YYYY-MM-DD (UTC). */
function dateAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `.palisade/exceptions.yaml`: no exceptions, and one commented example entry (valid once uncommented,
 * expiring 90 days after `now`).
 */
export function exceptionsFile(now: Date): string {
  return `# Exceptions: findings accepted as a reviewed, owned and time-boxed risk (${DOCS}/exceptions.md).
# A waived finding stays in the report with its reason; an expired exception waives nothing.
# To add one, replace "[]" below with the entries, like this example:
exceptions: []
#  - rule: hadolint:DL3007                   # a rule id, slug or alias, or "vulnerability: CVE-…"
#    paths: ["services/*/Dockerfile"]        # optional: only findings in these files
#    reason: "Base image pinned by digest in CI"
#    owner: platform-team@example.com
#    ticket: SEC-123                         # optional
#    expires: ${dateAfter(now, 90)}
`;
}
