import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { dockerfileAnalyzer } from '../../dockerfile/index.ts';
import { kubernetesAnalyzer } from '../../kubernetes/index.ts';
import { parsePolicyText } from '../vap/index.ts';
import { scanWithPolicies } from './index.ts';

const POLICIES = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas.example.com
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
  validations:
  - expression: object.spec.replicas <= 2
    message: at most 2 replicas
    fieldPath: spec.replicas
---
apiVersion: palisade.dev/v1
kind: Policy
metadata:
  name: pinned-base-images
  annotations:
    palisade.dev/severity: medium
spec:
  matchConstraints:
    targets: [Dockerfile]
  validations:
  - expression: "object.stages.all(s, s.baseImage.kind != 'image' || s.baseImage.digest != null)"
    message: base images must be pinned by digest
    fieldPath: stages[0].baseImage.tag
`;

describe('scanWithPolicies', () => {
  it('evaluates admission policies on scanned objects and Palisade policies on scanned Dockerfiles', () => {
    const policyArtifacts = parsePolicyText('policies/all.yaml', POLICIES).artifacts;
    const manifests = kubernetesAnalyzer.analyze(createSourceDocument('deploy/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 3\n')).artifacts;
    const dockerfiles = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', 'FROM node:22\n')).artifacts;
    const result = scanWithPolicies({ policyArtifacts, artifacts: [...manifests, ...dockerfiles] });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.severity, finding.message, finding.location.path, finding.location.startLine, finding.location.startColumn, finding.location.endColumn]),
      [
        ['replicas.example.com', 'high', 'at most 2 replicas', 'deploy/app.yaml', 6, 13, 14],
        ['pinned-base-images', 'medium', 'base images must be pinned by digest', 'Dockerfile', 1, 11, 13],
      ],
    );
  });

  it('reports policy errors and still evaluates the rest', () => {
    const policyArtifacts = parsePolicyText('policies/all.yaml', POLICIES.replace('object.spec.replicas <= 2', 'object.spec.replicas <=')).artifacts;
    const dockerfiles = dockerfileAnalyzer.analyze(createSourceDocument('Dockerfile', 'FROM node:22\n')).artifacts;
    const result = scanWithPolicies({ policyArtifacts, artifacts: dockerfiles });
    assert.deepEqual(result.errors.map((error) => [error.path, error.code, error.startLine, error.startColumn]), [['policies/all.yaml', 'POLICY_INVALID', 13, 40]]);
    assert.deepEqual(result.findings.map((finding) => finding.ruleId), ['pinned-base-images']);
  });
});
