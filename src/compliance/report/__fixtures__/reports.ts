// Static scan reports and a small framework for the compliance report tests.
import type { Finding, Report } from '../../../core/index.ts';
import { defineFramework } from '../../framework.ts';
import type { Check } from '../../evidence.ts';

export const demoFramework = defineFramework({
  id: 'demo-1.0',
  title: 'Demo Benchmark v1.0',
  url: 'https://example.com/demo',
  controls: [
    { id: '1.1', title: 'Containers run as a non-root user', automation: 'automated' },
    { id: '1.2', title: 'Images come from trusted registries', automation: 'partial' },
    { id: '1.3', title: 'Host namespaces are not shared', automation: 'automated' },
    { id: '1.4', title: 'Manifests are reviewed before release', automation: 'manual' },
    { id: '1.5', title: 'Known vulnerabilities are patched', automation: 'partial' },
    { id: '1.6', title: 'Admission control is configured', automation: 'partial' },
  ],
});

export const demoChecks: readonly Check[] = [
  { id: 'DKR-0001', title: 'Container runs as root', compliance: ['demo-1.0:1.1'] },
  { id: 'DKR-0002', title: 'Untrusted base image', compliance: ['demo-1.0:1.2'] },
  { id: 'K8S-0001', title: 'Pod shares the host network', compliance: ['demo-1.0:1.3'] },
  { id: 'K8S-0002', title: 'Pod runs as root', compliance: ['demo-1.0:1.1'] },
  { id: 'GATE-0001', title: 'Exception has expired', compliance: [] },
  { id: 'scanner:vuln', title: 'Vulnerability matching', compliance: ['demo-1.0:1.5'] },
];

export function finding(ruleId: string, path: string, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    slug: `slug-${ruleId.toLowerCase()}`,
    messageId: 'default',
    aliases: [],
    kind: 'misconfig',
    severity: 'high',
    title: `Title of ${ruleId}`,
    message: `Message of ${ruleId} at ${path}:${line}.`,
    location: { path, startLine: line, startColumn: 1 },
    compliance: [],
    fingerprint: `${ruleId}-${path}-${line}`.padEnd(32, '0').slice(0, 32),
    ...extra,
  };
}

export function report(target: string, findings: readonly Finding[]): Report {
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'palisade', version: '0.1.0' },
    target,
    findings,
    errors: [],
    summary: { bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, total: findings.length, suppressed: 0, failOn: 'high', failing: 0, filesScanned: 3 },
    rules: [],
  };
}

export const waiver = { kind: 'exception', owner: 'alice', reason: 'Vendor image, fixed in Q3', ticket: 'SEC-42', expires: '2027-01-31', source: { path: '.palisade/exceptions.yaml', startLine: 4 } } as const;

/** A repository (Dockerfile root user, waived untrusted base, expired exception) and an SBOM. */
export const repoReport = report('.', [
  finding('DKR-0001', 'Dockerfile', 5),
  finding('DKR-0002', 'Dockerfile', 1, { suppression: waiver }),
  finding('GATE-0001', '.palisade/exceptions.yaml', 9, { kind: 'policy', severity: 'medium', message: 'The exception for K8S-0001 (owner bob) expired on 2026-01-01; it no longer waives anything.' }),
]);

export const database = { path: '/var/cache/palisade/advisories.db', builtAt: '2026-11-20T08:00:00.000Z', ageHours: 170, recordCount: 1200 } as const;
