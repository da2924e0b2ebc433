// Corpus suite for schema validation: the real manifests in ../shared/corpora/k8s, validated against
// the bundled Kubernetes schema and against the CRDs found among them. Run: npm run test:corpus.
// Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Artifact } from '../../src/core/index.ts';
import { createSourceDocument } from '../../src/core/index.ts';
import { kubernetesAnalyzer } from '../../src/kubernetes/analyzer.ts';
import type { KubernetesObjectArtifact } from '../../src/kubernetes/model.ts';
import { noDeprecatedApiVersion } from '../../src/kubernetes/rules/no-deprecated-api-version.ts';
import { noRemovedApiVersion } from '../../src/kubernetes/rules/no-removed-api-version.ts';
import { requireKnownSchema } from '../../src/kubernetes/rules/require-known-schema.ts';
import { requireValidCustomResource } from '../../src/kubernetes/rules/require-valid-custom-resource.ts';
import { requireValidSchema } from '../../src/kubernetes/rules/require-valid-schema.ts';
import { compiledSchemaOf, indexCustomResources } from '../../src/kubernetes/schema/index.ts';
import { runProjectRules, runRules } from '../../src/scan/run-rules.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const K8S = join(REPO_ROOT, '..', 'shared', 'corpora', 'k8s');
const skip = existsSync(K8S) ? false : `corpus not found at ${K8S} (needs ../shared beside the clone)`;

function load(): KubernetesObjectArtifact[] {
  const artifacts: Artifact[] = [];
  for (const name of readdirSync(K8S).filter((file) => /\.(ya?ml|json)$/.test(file))) {
    artifacts.push(...kubernetesAnalyzer.analyze(createSourceDocument(name, readFileSync(join(K8S, name), 'utf8'))).artifacts);
  }
  return artifacts.filter((artifact): artifact is KubernetesObjectArtifact => artifact.kind === 'kubernetes-object');
}

describe('corpus: schema validation', { skip }, () => {
  const artifacts = skip === false ? load() : [];

  it('validates every object without a rule failure; the only schema violations are the reviewed true positives', () => {
    const result = runRules(artifacts, [requireValidSchema]);
    assert.deepEqual(result.errors, []);
    const found = result.findings.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.messageId}`).sort();
    assert.deepEqual(found, [
      'kubernetes-sigs__metrics-server__manifests__base__deployment.yaml:7 missingRequired',
      'kubernetes__ingress-nginx__deploy__grafana__deployment.yaml:6 missingRequired',
      'kubernetes__ingress-nginx__deploy__prometheus__deployment.yaml:5 missingRequired',
      'kubernetes__ingress-nginx__docs__examples__auth__oauth-external-auth__vouch-proxy.yaml:21 wrongType',
      'kubernetes__ingress-nginx__docs__examples__customization__ssl-dh-param__ssl-dh-param.yaml:3 invalidFormat',
    ]);
    for (const finding of result.findings) assert.ok(finding.location.jsonPointer !== undefined && finding.location.object !== undefined);
  });

  it('compiles the schema of every CRD version in the corpus and validates the custom resources they define', () => {
    const index = indexCustomResources(artifacts);
    assert.ok(index.versions.size >= 14, `${index.versions.size} CRD versions`);
    for (const version of index.versions.values()) assert.equal(compiledSchemaOf(version)?.ok ?? true, true, `${version.apiVersion} ${version.kind}`);
    const customResources = artifacts.filter((artifact) => index.versions.has(`${artifact.ref.apiVersion} ${artifact.ref.kind}`));
    assert.ok(customResources.length >= 1);
    const result = runProjectRules(artifacts, [requireValidCustomResource]);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.findings.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.message}`), []);
  });

  it('reports the kinds no schema covers as skipped, and removed API versions', () => {
    const known = runProjectRules(artifacts, [requireKnownSchema]);
    assert.deepEqual(known.errors, []);
    assert.ok(known.findings.length > 0 && known.findings.every((finding) => finding.severity === 'info'));
    const removed = runRules(artifacts, [noRemovedApiVersion, noDeprecatedApiVersion]);
    assert.deepEqual(removed.findings.map((finding) => `${finding.slug} ${finding.location.startLine} ${finding.message.split(';')[0] ?? ''}`).sort(), [
      'no-removed-api-version 2 PodDisruptionBudget "policy/v1beta1" was removed in Kubernetes 1.25 (target 1.36)',
      'no-removed-api-version 2 StorageClass "storage.k8s.io/v1beta1" was removed in Kubernetes 1.22 (target 1.36)',
      'no-removed-api-version 2 StorageClass "storage.k8s.io/v1beta1" was removed in Kubernetes 1.22 (target 1.36)',
    ]);
  });
});
