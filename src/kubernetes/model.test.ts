import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { kubernetesAnalyzer } from './analyzer.ts';
import type { KubernetesObjectArtifact } from './model.ts';
import { objectRefOf } from './model.ts';

function artifacts(text: string, path = 'app.yaml'): KubernetesObjectArtifact[] {
  const output = kubernetesAnalyzer.analyze(createSourceDocument(path, text));
  assert.deepEqual(output.errors, []);
  return [...output.artifacts];
}

const POD = [
  'apiVersion: v1', //                       1
  'kind: Pod', //                            2
  'metadata:', //                            3
  '  name: web', //                          4
  '  namespace: shop', //                    5
  'spec:', //                                6
  '  nodeName:', //                          7
  '  containers:', //                        8
  '    - name: web', //                      9
  '      image: nginx:1.27', //              10
  '      securityContext:', //               11
  '        runAsUser: 1000', //              12
  '',
].join('\n');

describe('KubernetesObjectArtifact', () => {
  const [pod] = artifacts(POD);
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' };

  it('carries the object, its reference, its document index and its identity', () => {
    assert.equal(pod?.kind, 'kubernetes-object');
    assert.deepEqual(pod?.ref, ref);
    assert.equal(pod?.documentIndex, 0);
    assert.equal(pod?.itemIndex, undefined);
    assert.equal(pod?.identity, 'v1/Pod/shop/web');
    assert.equal(pod?.source.path, 'app.yaml');
  });

  const cases: readonly { readonly name: string; readonly pointer: string; readonly expected: readonly [number, number, number, number] }[] = [
    { name: 'an existing value', pointer: '/spec/containers/0/image', expected: [10, 14, 10, 24] },
    { name: 'an existing mapping', pointer: '/spec/containers/0/securityContext', expected: [12, 9, 12, 24] },
    { name: 'an empty value, by its key', pointer: '/spec/nodeName', expected: [7, 3, 7, 11] },
    { name: 'a missing field, by its parent key', pointer: '/spec/containers/0/securityContext/runAsNonRoot', expected: [11, 7, 11, 22] },
    { name: 'a missing field two levels down, by its nearest ancestor (a list item has no key)', pointer: '/spec/containers/0/resources/limits/cpu', expected: [9, 7, 12, 24] },
    { name: 'a missing field of the root', pointer: '/status', expected: [1, 1, 12, 24] },
    { name: 'a pointer that is not a pointer', pointer: 'spec', expected: [1, 1, 12, 24] },
  ];
  for (const { name, pointer, expected } of cases) {
    it(`locates ${name}`, () => {
      const [startLine, startColumn, endLine, endColumn] = expected;
      assert.deepEqual(pod?.locate({ pointer }), { path: 'app.yaml', startLine, startColumn, endLine, endColumn, object: ref, jsonPointer: pointer });
    });
  }

  it('locates a range with the object reference', () => {
    const range = { start: { line: 2, column: 1 }, end: { line: 2, column: 5 } };
    assert.deepEqual(pod?.locate({ range }), { path: 'app.yaml', startLine: 2, startColumn: 1, endLine: 2, endColumn: 5, object: ref });
  });
});

describe('List items', () => {
  const text = [
    'apiVersion: v1', //                        1
    'kind: List', //                            2
    'items:', //                                3
    '  - apiVersion: v1', //                    4
    '    kind: ConfigMap', //                   5
    '    metadata: {name: a}', //               6
    '  - apiVersion: v1', //                    7
    '    kind: Secret', //                      8
    '    metadata: {generateName: s-}', //      9
    '',
  ].join('\n');
  const [configMap, secret] = artifacts(text);

  it('resolve their own pointers, and fall back to the item, never to the List', () => {
    assert.equal(configMap?.locate({ pointer: '/metadata/name' }).startLine, 6);
    assert.deepEqual(configMap?.locate({ pointer: '/data/key' }), {
      path: 'app.yaml',
      startLine: 4,
      startColumn: 5,
      endLine: 6,
      endColumn: 24,
      object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a' },
      jsonPointer: '/data/key',
    });
  });

  it('use generateName as the name, and the item index in the identity only without a name', () => {
    assert.deepEqual(secret?.ref, { apiVersion: 'v1', kind: 'Secret', name: 's-' });
    assert.equal(secret?.itemIndex, 1);
    assert.equal(secret?.identity, 'v1/Secret//s-');
  });
});

describe('identity', () => {
  it('adds the document index (and item index) when the object has no name', () => {
    const [first, second] = artifacts('apiVersion: v1\nkind: Namespace\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Namespace}\n');
    assert.equal(first?.identity, 'v1/Namespace//#0');
    assert.equal(second?.identity, 'v1/Namespace//#1.0');
  });
});

describe('objectRefOf', () => {
  it('ignores names and namespaces that are not strings', () => {
    assert.deepEqual(objectRefOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: true, namespace: 3 } }), { apiVersion: 'v1', kind: 'Pod' });
    assert.deepEqual(objectRefOf({ apiVersion: 'v1', kind: 'Pod', metadata: 'x' }), { apiVersion: 'v1', kind: 'Pod' });
  });
});
