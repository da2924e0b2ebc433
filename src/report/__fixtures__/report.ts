import type { Finding, Report, RuleMeta, ScanError } from '../../core/index.ts';

/*
 * The one canonical report every reporter test renders. It holds a Dockerfile finding (twice, in a
 * path with a space and a non-ASCII letter), a Kubernetes finding with an object reference and a
 * JSON pointer, a vulnerability finding with package and vulnerability data, a waived finding (an
 * exception), and one scan error, with awkward characters on purpose: `|`, `<`, `&`, quotes, a
 * newline, backticks, non-ASCII, a terminal escape and a bidi control.
 */

export const noLatestTagRule: RuleMeta = {
  id: 'DKR-0001',
  slug: 'no-latest-tag',
  title: 'Base image uses a mutable tag',
  severity: 'high',
  kind: 'misconfig',
  stability: 'stable',
  since: '0.1.0',
  target: 'dockerfile',
  description: 'A FROM line without a tag, or with `latest`, can resolve to a different image on every build.',
  remediation: 'Pin the base image to a version tag or, better, to a digest.',
  references: ['https://docs.docker.com/reference/dockerfile/#from'],
  aliases: [{ tool: 'hadolint', id: 'DL3007', relation: 'same' }],
  compliance: ['cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
  packs: [],
  messages: { mutableTag: 'Image "{image}" resolves to the mutable tag "{tag}".' },
};

export const requireNonRootUserRule: RuleMeta = {
  id: 'DKR-0002',
  slug: 'require-non-root-user',
  title: 'Container runs as root',
  severity: 'medium',
  kind: 'misconfig',
  stability: 'stable',
  since: '0.1.0',
  target: 'dockerfile',
  description: 'Without a USER instruction the container runs as root.',
  remediation: 'Create an unprivileged user and switch to it with USER before the final stage ends.',
  references: ['https://docs.docker.com/reference/dockerfile/#user'],
  aliases: [{ tool: 'hadolint', id: 'DL3002', relation: 'similar' }],
  compliance: ['cis-docker-1.6:4.1'],
  packs: [],
  messages: { rootUser: 'The final stage runs as root.' },
};

export const noPrivilegedContainerRule: RuleMeta = {
  id: 'K8S-0001',
  slug: 'no-privileged-container',
  title: 'Container runs privileged',
  severity: 'critical',
  kind: 'misconfig',
  stability: 'stable',
  since: '0.1.0',
  target: 'kubernetes-object',
  description: 'A privileged container has every capability of the host & can escape to the node.',
  remediation: 'Remove `privileged: true`; grant only the capabilities the container needs.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  aliases: [
    { tool: 'kube-linter', id: 'privileged-container', relation: 'same' },
    { tool: 'checkov', id: 'CKV_K8S_16', relation: 'same' },
    { tool: 'pss', id: 'privileged', relation: 'same' },
  ],
  compliance: ['cis-k8s-1.9:5.2.2', 'nist-800-190:4.4.3'],
  packs: ['pss-baseline'],
  messages: { privileged: 'Container "{container}" sets privileged: true.' },
};

export const vulnerablePackageRule: RuleMeta = {
  id: 'VLN-0001',
  slug: 'no-vulnerable-packages',
  title: 'Package has a known vulnerability',
  severity: 'high',
  kind: 'vulnerability',
  stability: 'stable',
  since: '0.1.0',
  target: 'package-inventory',
  description: 'An installed package version is affected by a published advisory.',
  remediation: 'Upgrade the package to a fixed version.',
  references: ['https://osv.dev/'],
  aliases: [],
  compliance: ['nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3'],
  packs: [],
  messages: { vulnerable: '{name}@{version} is affected by {id}.' },
};

const dockerfilePath = 'services/café api/Dockerfile';

export const dockerfileFinding: Finding = {
  ruleId: 'DKR-0001',
  slug: 'no-latest-tag',
  messageId: 'mutableTag',
  aliases: ['hadolint:DL3007'],
  kind: 'misconfig',
  severity: 'high',
  title: 'Base image uses a mutable tag',
  message: 'Image "node:latest" resolves to the mutable tag "latest".',
  location: { path: dockerfilePath, startLine: 1, startColumn: 11, endLine: 1, endColumn: 17 },
  compliance: ['cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
  fingerprint: '3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b',
  remediation: 'Pin the base image to a version tag or, better, to a digest.',
  helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-latest-tag.md',
  evidence: 'latest',
};

export const secondDockerfileFinding: Finding = {
  ...dockerfileFinding,
  message: 'Image "python|3" resolves to the mutable tag "latest".',
  location: { path: dockerfilePath, startLine: 12, startColumn: 6, endLine: 12, endColumn: 14 },
  fingerprint: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f',
  evidence: 'python|3',
};

export const kubernetesFinding: Finding = {
  ruleId: 'K8S-0001',
  slug: 'no-privileged-container',
  messageId: 'privileged',
  aliases: ['kube-linter:privileged-container', 'checkov:CKV_K8S_16', 'pss:privileged'],
  kind: 'misconfig',
  severity: 'critical',
  title: 'Container runs privileged',
  message: 'Container "web<1> & `sidecar`" sets privileged: true.',
  location: {
    path: 'deploy/app.yaml',
    startLine: 21,
    startColumn: 25,
    endLine: 21,
    endColumn: 29,
    object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
    jsonPointer: '/spec/template/spec/containers/0/securityContext/privileged',
  },
  compliance: ['cis-k8s-1.9:5.2.2', 'nist-800-190:4.4.3'],
  fingerprint: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  remediation: 'Remove `privileged: true`; grant only the capabilities the container needs.',
  helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/no-privileged-container.md',
  evidence: 'true',
};

export const vulnerabilityFinding: Finding = {
  ruleId: 'VLN-0001',
  slug: 'no-vulnerable-packages',
  messageId: 'vulnerable',
  aliases: [],
  kind: 'vulnerability',
  severity: 'high',
  title: 'Package has a known vulnerability',
  message: 'lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm.\nCommand Injection in lodash (CVE-2021-23337).',
  location: { path: 'web/package-lock.json', startLine: 120, startColumn: 5, endLine: 120, endColumn: 22 },
  compliance: ['nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3'],
  fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  remediation: 'Upgrade the package to a fixed version.',
  helpUri: 'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm',
  package: { name: 'lodash', version: '4.17.20', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.20' },
  vulnerability: {
    id: 'GHSA-35jh-r3h4-6jhm',
    aliases: ['CVE-2021-23337'],
    fixedVersions: ['4.17.21'],
    cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2 },
  },
};

export const waivedFinding: Finding = {
  ruleId: 'DKR-0002',
  slug: 'require-non-root-user',
  messageId: 'rootUser',
  aliases: ['hadolint:DL3002'],
  kind: 'misconfig',
  severity: 'medium',
  title: 'Container runs as root',
  message: 'The final stage runs as root.',
  location: { path: dockerfilePath, startLine: 9, startColumn: 1, endLine: 9, endColumn: 12 },
  compliance: ['cis-docker-1.6:4.1'],
  fingerprint: 'ffeeddccbbaa99887766554433221100',
  remediation: 'Create an unprivileged user and switch to it with USER before the final stage ends.',
  helpUri: 'https://github.com/palisade-dev/palisade/blob/main/docs/rules/require-non-root-user.md',
  suppression: {
    kind: 'exception',
    reason: 'Build stage only | final image is "distroless" & <nonroot>',
    owner: 'platform-team',
    ticket: 'SEC-123',
    expires: '2026-12-31',
    source: { path: '.palisade/exceptions.yaml', startLine: 4, startColumn: 3, endLine: 8, endColumn: 1 },
  },
};

export const scanError: ScanError = {
  path: 'deploy/broken.yaml',
  code: 'PARSE_FAILED',
  message: 'Unexpected "<" & "\u001b[31m" in a block mapping\u202e: bad indentation',
  startLine: 3,
  startColumn: 5,
};

export const canonicalReport: Report = {
  schemaVersion: '1.0.0',
  tool: { name: 'palisade', version: '0.1.0' },
  target: '.',
  findings: [dockerfileFinding, kubernetesFinding, vulnerabilityFinding, waivedFinding, secondDockerfileFinding],
  errors: [scanError],
  summary: {
    bySeverity: { critical: 1, high: 3, medium: 0, low: 0, info: 0 },
    total: 4,
    suppressed: 1,
    failOn: 'high',
    failing: 4,
    filesScanned: 7,
  },
  rules: [noLatestTagRule, requireNonRootUserRule, noPrivilegedContainerRule, vulnerablePackageRule],
};

/** A scan that found nothing. */
export const cleanReport: Report = {
  ...canonicalReport,
  findings: [],
  errors: [],
  summary: {
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    total: 0,
    suppressed: 0,
    failOn: 'high',
    failing: 0,
    filesScanned: 3,
  },
  rules: [],
};
