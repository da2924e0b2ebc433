import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { namespaceLabels } from './namespaces.ts';

function artifactsOf(code: string): KubernetesObjectArtifact[] {
  return [...kubernetesAnalyzer.analyze(createSourceDocument('ns.yaml', code)).artifacts];
}

describe('namespaceLabels', () => {
  it('maps each v1 Namespace to its labels; the last declaration of a name wins', () => {
    const artifacts = artifactsOf(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: "1"}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: "2"}}\n---\napiVersion: v2\nkind: Namespace\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {labels: {x: "3"}}\n',
    );
    assert.deepEqual([...namespaceLabels(artifacts)], [['a', { x: '2' }], ['b', {}]]);
  });
});
