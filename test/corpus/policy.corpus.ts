// Corpus suite for ValidatingAdmissionPolicy and Palisade policy evaluation: realistic policies over
// every real manifest of ../shared/corpora/k8s and every Dockerfile of ../shared/corpora/dockerfiles.
// Checks that nothing errors or crashes on real input and pins the finding count per policy.
// Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Artifact } from '../../src/core/index.ts';
import { createSourceDocument } from '../../src/core/index.ts';
import { dockerfileAnalyzer } from '../../src/dockerfile/index.ts';
import { kubernetesAnalyzer } from '../../src/kubernetes/index.ts';
import { scanWithPolicies } from '../../src/policy/palisade-policy/index.ts';
import { parsePolicyText } from '../../src/policy/vap/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const CORPORA = join(REPO_ROOT, '..', 'shared', 'corpora');
const skip = existsSync(join(CORPORA, 'k8s')) ? false : `corpus not found at ${CORPORA} (needs ../shared beside the clone)`;

const RULES = `
    resourceRules:
    - apiGroups: ["", "apps", "batch"]
      apiVersions: ["*"]
      operations: ["CREATE", "UPDATE"]
      resources: ["pods", "deployments", "statefulsets", "daemonsets", "jobs", "replicasets"]`;

const POLICIES = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: require-limits.example.com
spec:
  matchConstraints:${RULES}
  variables:
  - name: pod
    expression: "object.kind == 'Pod' ? object.spec : object.spec.template.spec"
  validations:
  - expression: "variables.pod.containers.all(c, has(c.resources) && has(c.resources.limits) && 'memory' in c.resources.limits)"
    messageExpression: "'containers without a memory limit: ' + variables.pod.containers.filter(c, !(has(c.resources) && has(c.resources.limits) && 'memory' in c.resources.limits)).map(c, c.name).join(', ')"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: no-privileged.example.com
  annotations:
    palisade.dev/severity: critical
spec:
  failurePolicy: Ignore
  matchConstraints:${RULES}
  validations:
  - expression: >-
      (object.kind == 'Pod' ? object.spec : object.spec.template.spec).containers.all(c,
        !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)
    message: privileged containers are not allowed
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: dns-names.example.com
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["*"]
      apiVersions: ["*"]
      operations: ["CREATE"]
      resources: ["*"]
  matchConditions:
  - name: named
    expression: "has(object.metadata) && has(object.metadata.name)"
  validations:
  - expression: "object.metadata.name.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')"
    messageExpression: "'not a DNS subdomain name: ' + object.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: dns-names-warn
spec:
  policyName: dns-names.example.com
  validationActions: [Warn]
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: docker-hub-only
spec:
  matchConstraints:
    targets: [Dockerfile]
  validations:
  - expression: "object.stages.all(s, s.baseImage.kind != 'image' || s.baseImage.registry == 'docker.io')"
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: non-root
spec:
  matchConstraints:
    targets: [Dockerfile]
  validationActions: [Audit]
  validations:
  - expression: "object.finalStage.user != null && !(object.finalStage.user in ['root', '0'])"
    fieldPath: finalStage.user
`;

/** Findings per policy on the corpus, reviewed. */
const EXPECTED: Readonly<Record<string, number>> = {
  // Workloads whose containers have no memory limit (the GoogleCloudPlatform, istio and argo samples …).
  'require-limits.example.com': 56,
  // The SPIRE agent DaemonSet of the istio samples.
  'no-privileged.example.com': 1,
  // metrics-server's `system:…` RBAC names (valid path-segment names, but not DNS subdomains).
  'dns-names.example.com': 6,
  // Base images from gcr.io, mcr.microsoft.com, quay.io, registry.k8s.io and others.
  'docker-hub-only': 38,
  // Final stages without a USER, or with root: most official images.
  'non-root': 273,
};

function read(folder: string, analyze: (name: string, text: string) => readonly Artifact[]): Artifact[] {
  return readdirSync(join(CORPORA, folder))
    .filter((name) => !name.endsWith('.json') && !name.endsWith('.md'))
    .sort()
    .flatMap((name) => analyze(name, readFileSync(join(CORPORA, folder, name), 'utf8')));
}

describe('policies on the corpora', { skip }, () => {
  it('evaluate every manifest and Dockerfile without errors', () => {
    const manifests = read('k8s', (name, text) => kubernetesAnalyzer.analyze(createSourceDocument(name, text)).artifacts);
    const dockerfiles = read('dockerfiles', (name, text) => dockerfileAnalyzer.analyze(createSourceDocument(`${name}.dockerfile`, text)).artifacts);
    const policyArtifacts = parsePolicyText('policies.yaml', POLICIES).artifacts;
    const result = scanWithPolicies({ policyArtifacts, artifacts: [...manifests, ...dockerfiles] });
    assert.deepEqual(result.errors, []);
    const counts: Record<string, number> = {};
    for (const finding of result.findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
    assert.deepEqual(counts, EXPECTED);
  });
});
