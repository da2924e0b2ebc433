// Corpus suite for the Kubernetes project rules' per-object phase (`collect`): over the real manifests
// in ../shared/corpora/k8s, feeding the objects file by file as a scan does (keeping only each rule's
// facts) finds exactly what handing every object at once finds. Run: npm run test:corpus.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Artifact } from '../../src/core/index.ts';
import { createSourceDocument } from '../../src/core/index.ts';
import { kubernetesAnalyzer } from '../../src/kubernetes/analyzer.ts';
import { kubernetesRules } from '../../src/kubernetes/rules/index.ts';
import { runProjectRules, startProjectRules } from '../../src/scan/run-rules.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const K8S = join(REPO_ROOT, '..', 'shared', 'corpora', 'k8s');
const skip = existsSync(K8S) ? false : `corpus not found at ${K8S} (needs ../shared beside the clone)`;

function loadFiles(): Artifact[][] {
  return readdirSync(K8S)
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort()
    .map((name) => [...kubernetesAnalyzer.analyze(createSourceDocument(name, readFileSync(join(K8S, name), 'utf8'))).artifacts]);
}

describe('corpus: Kubernetes project rules, file by file', { skip }, () => {
  const files = skip === false ? loadFiles() : [];
  const projectRules = kubernetesRules.filter((rule) => rule.project);

  it('finds what every object at once finds, in the same order', () => {
    const atOnce = runProjectRules(files.flat(), projectRules);
    assert.deepEqual(atOnce.errors, []);
    assert.ok(atOnce.findings.length > 100, `only ${atOnce.findings.length} findings`);
    const forward = startProjectRules(projectRules);
    for (const artifacts of files) forward.add(artifacts);
    assert.deepEqual(forward.finish(), atOnce);
  });
});
