import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { annotationSuppressionProblems, annotationSuppressions } from './annotations.ts';
import { kubernetesAnalyzer } from './analyzer.ts';
import type { KubernetesObjectArtifact } from './model.ts';

function objectOf(yaml: string): KubernetesObjectArtifact {
  const output = kubernetesAnalyzer.analyze(createSourceDocument('deploy.yaml', yaml));
  assert.deepEqual(output.errors, []);
  const [artifact] = output.artifacts;
  assert.ok(artifact !== undefined);
  return artifact;
}

const HEAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n';

const CASES = [
  {
    name: 'one selector and a reason after an em dash',
    annotations: '    palisade.dev/ignore: "no-latest-image-tag — pinned by the deploy pipeline"\n',
    expected: [{ selector: 'no-latest-image-tag', reason: 'pinned by the deploy pipeline', pointer: '/metadata/annotations/palisade.dev~1ignore' }],
    problems: [],
  },
  {
    name: 'several selectors (ids, aliases, packs) and a reason after --',
    annotations: '    palisade.dev/ignore: "K8S-0007, kube-linter:latest-tag,hardening -- load test only"\n',
    expected: [
      { selector: 'K8S-0007', reason: 'load test only', pointer: '/metadata/annotations/palisade.dev~1ignore' },
      { selector: 'kube-linter:latest-tag', reason: 'load test only', pointer: '/metadata/annotations/palisade.dev~1ignore' },
      { selector: 'hardening', reason: 'load test only', pointer: '/metadata/annotations/palisade.dev~1ignore' },
    ],
    problems: [],
  },
  {
    name: 'kube-linter annotations, with and without a reason',
    annotations: '    ignore-check.kube-linter.io/run-as-non-root: "the image needs root to bind port 80"\n    ignore-check.kube-linter.io/no-read-only-root-fs: ""\n',
    expected: [
      { selector: 'kube-linter:run-as-non-root', reason: 'the image needs root to bind port 80', pointer: '/metadata/annotations/ignore-check.kube-linter.io~1run-as-non-root' },
      { selector: 'kube-linter:no-read-only-root-fs', reason: 'ignored by a kube-linter ignore-check annotation', pointer: '/metadata/annotations/ignore-check.kube-linter.io~1no-read-only-root-fs' },
    ],
    problems: [],
  },
  {
    name: 'a Palisade annotation without a reason waives nothing',
    annotations: '    palisade.dev/ignore: no-latest-image-tag\n',
    expected: [],
    problems: [{ problem: 'missing reason', pointer: '/metadata/annotations/palisade.dev~1ignore' }],
  },
  {
    name: 'a Palisade annotation with only a reason waives nothing',
    annotations: '    palisade.dev/ignore: "— because"\n',
    expected: [],
    problems: [{ problem: 'missing selector', pointer: '/metadata/annotations/palisade.dev~1ignore' }],
  },
  {
    name: 'a non-string value is an annotation without selector',
    annotations: '    palisade.dev/ignore: 42\n    other.example.com/ignore: x\n    ignore-check.kube-linter.io/: empty check name\n',
    expected: [],
    problems: [{ problem: 'missing selector', pointer: '/metadata/annotations/palisade.dev~1ignore' }],
  },
] as const;

describe('annotationSuppressions', () => {
  for (const { name, annotations, expected, problems } of CASES) {
    it(name, () => {
      const artifact = objectOf(`${HEAD}${annotations}`);
      assert.deepEqual(annotationSuppressions(artifact), expected);
      assert.deepEqual(annotationSuppressionProblems(artifact), problems);
    });
  }

  it('reads nothing from objects without annotations, or with annotations that are not a mapping', () => {
    assert.deepEqual(annotationSuppressions(objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')), []);
    assert.deepEqual(annotationSuppressions(objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: [a, b]}\n')), []);
    assert.deepEqual(annotationSuppressionProblems(objectOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')), []);
  });

  it('resolves its pointers to the annotation in the file', () => {
    const artifact = objectOf(`${HEAD}${CASES[0].annotations}`);
    const [suppression] = annotationSuppressions(artifact);
    assert.ok(suppression !== undefined);
    const location = artifact.locate({ pointer: suppression.pointer });
    assert.deepEqual([location.startLine, location.startColumn, location.endColumn], [6, 26, 79]);
  });

  it('handles a huge annotation value in linear time without crashing', () => {
    const value = `${'a,'.repeat(50_000)}b — ${'reason '.repeat(10_000)}`;
    const suppressions = annotationSuppressions({ object: { metadata: { annotations: { 'palisade.dev/ignore': value } } } });
    assert.equal(suppressions.length, 50_001);
    const spaces = annotationSuppressionProblems({ object: { metadata: { annotations: { 'palisade.dev/ignore': `x${' '.repeat(200_000)}-` } } } });
    assert.deepEqual(spaces, [{ problem: 'missing reason', pointer: '/metadata/annotations/palisade.dev~1ignore' }]);
  });
});
