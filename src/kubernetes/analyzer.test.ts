import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { kubernetesAnalyzer } from './analyzer.ts';

const MANIFEST = 'apiVersion: v1\nkind: Pod\n';

const MATCH_CASES: readonly { readonly path: string; readonly head: string; readonly expected: boolean }[] = [
  { path: 'deploy.yaml', head: MANIFEST, expected: true },
  { path: 'k8s/base/deploy.yml', head: MANIFEST, expected: true },
  { path: 'DEPLOY.YAML', head: MANIFEST, expected: true },
  { path: 'pod.json', head: '{"apiVersion": "v1", "kind": "Pod"}', expected: true },
  { path: 'config.yaml', head: 'name: x\nvalues: [1]\n', expected: false },
  { path: 'only-kind.yaml', head: 'kind: Pod\n', expected: false },
  { path: 'Dockerfile', head: MANIFEST, expected: false },
  { path: 'deploy.yaml.bak', head: MANIFEST, expected: false },
  { path: 'package.json', head: '{"apiVersion": 1, "kind": "x"}', expected: false },
  { path: 'web/package-lock.json', head: '{"apiVersion": 1, "kind": "x"}', expected: false },
  { path: '.palisade.yaml', head: MANIFEST, expected: false },
  { path: '.palisade/exceptions.yaml', head: MANIFEST, expected: false },
  { path: 'repo/.palisade/baseline.json', head: MANIFEST, expected: false },
  { path: 'overlays/prod/kustomization.yaml', head: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n', expected: false },
  { path: 'charts/web/Chart.yaml', head: 'apiVersion: v2\nkind: x\n', expected: false },
  { path: 'charts/web/values.yaml', head: MANIFEST, expected: false },
];

describe('kubernetesAnalyzer.matches', () => {
  for (const { path, head, expected } of MATCH_CASES) {
    it(`${expected ? 'reads' : 'skips'} ${path}`, () => {
      assert.equal(kubernetesAnalyzer.matches({ path, size: head.length }, () => head), expected);
    });
  }

  it('does not read the content of a file whose name rules it out', () => {
    let sniffed = false;
    kubernetesAnalyzer.matches({ path: 'README.md', size: 10 }, () => {
      sniffed = true;
      return MANIFEST;
    });
    assert.equal(sniffed, false);
  });
});

describe('kubernetesAnalyzer.analyze', () => {
  it('has an id and a version', () => {
    assert.equal(kubernetesAnalyzer.id, 'kubernetes');
    assert.equal(kubernetesAnalyzer.version, 1);
  });

  it('returns one artifact per object and the errors of the documents that failed', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nkey: : value\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
    const output = kubernetesAnalyzer.analyze(createSourceDocument('pods.yaml', text));
    assert.deepEqual(
      output.artifacts.map((artifact) => [artifact.kind, artifact.identity, artifact.documentIndex]),
      [
        ['kubernetes-object', 'v1/Pod//a', 0],
        ['kubernetes-object', 'v1/Pod//b', 2],
      ],
    );
    assert.deepEqual(output.errors, [
      { path: 'pods.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error in document 2: Nested mappings are not allowed in compact mappings', startLine: 5, startColumn: 6 },
    ]);
  });
});
