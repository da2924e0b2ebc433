import type { Finding } from '../../core/index.ts';

/** A Dockerfile finding to vary in tests (`no-latest-tag`, aliased to hadolint DL3007). */
export function dockerfileFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'DKR-0001',
    slug: 'no-latest-tag',
    messageId: 'mutableTag',
    aliases: ['hadolint:DL3007', 'trivy:DS001'],
    kind: 'misconfig',
    severity: 'medium',
    title: 'Base image uses a mutable tag',
    message: 'Image "node" resolves to the mutable tag "latest".',
    location: { path: 'services/api/Dockerfile', startLine: 1, startColumn: 11, endLine: 1, endColumn: 17 },
    compliance: ['cis-docker-1.6:4.2'],
    fingerprint: '0123456789abcdef0123456789abcdef',
    ...overrides,
  };
}

/** A Kubernetes finding on Deployment shop/web. */
export function kubernetesFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'K8S-0001',
    slug: 'no-privileged-containers',
    messageId: 'privileged',
    aliases: ['kube-linter:privileged-container', 'pss:privileged'],
    kind: 'misconfig',
    severity: 'high',
    title: 'Container runs privileged',
    message: 'Container "web" runs privileged.',
    location: {
      path: 'k8s/web.yaml',
      startLine: 20,
      startColumn: 25,
      endLine: 20,
      endColumn: 29,
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      jsonPointer: '/spec/template/spec/containers/0/securityContext/privileged',
    },
    compliance: ['cis-k8s-1.9:5.2.2'],
    fingerprint: 'fedcba9876543210fedcba9876543210',
    ...overrides,
  };
}

/** A vulnerability finding in lodash 4.17.20 (CVE-2021-23337, GHSA-35jh-r3h4-6jhm). */
export function vulnerabilityFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'VULN',
    slug: 'no-known-vulnerabilities',
    messageId: 'vulnerable',
    aliases: [],
    kind: 'vulnerability',
    severity: 'high',
    title: 'Package has a known vulnerability',
    message: 'lodash 4.17.20 is affected by CVE-2021-23337.',
    location: { path: 'app/package-lock.json', startLine: 40, startColumn: 5 },
    compliance: [],
    fingerprint: 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb',
    package: { name: 'lodash', version: '4.17.20', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.20' },
    vulnerability: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], fixedVersions: ['4.17.21'] },
    ...overrides,
  };
}
