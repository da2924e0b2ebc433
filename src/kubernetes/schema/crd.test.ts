import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { arrayAt, isJsonObject, objectPath } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { indexCustomResources, schemaFactOf } from './crd.ts';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata: {name: first}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  validation:
    openAPIV3Schema: {type: object, description: shared}
  versions:
    - name: v1
      served: true
      schema:
        openAPIV3Schema: {type: object, properties: {size: {type: integer}}}
    - name: v2
      served: false
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: small}
`;

function artifactsOf(text: string): readonly KubernetesObjectArtifact[] {
  return kubernetesAnalyzer.analyze(createSourceDocument('widgets.yaml', text)).artifacts;
}

describe('schemaFactOf', () => {
  it('keeps a CRD as its kinds and versions, its schemas read again from its file (once), objects of built-in kinds not at all', () => {
    const [configMap, crd, widget] = artifactsOf(TEXT);
    assert.ok(configMap !== undefined && crd !== undefined && widget !== undefined);
    assert.equal(schemaFactOf(configMap), undefined);
    assert.equal(schemaFactOf(widget), widget);
    const fact = schemaFactOf(crd);
    assert.ok(fact !== undefined && fact.kind === 'custom-resource-definition');
    assert.deepEqual([fact.group, fact.resourceKind], ['example.com', 'Widget']);
    assert.equal('object' in fact, false);
    const index = indexCustomResources([fact, widget]);
    assert.deepEqual(index.kinds.get('example.com Widget'), ['v1', 'v2']);
    const v1 = index.versions.get('example.com/v1 Widget');
    const v2 = index.versions.get('example.com/v2 Widget');
    assert.ok(v1 !== undefined && v2 !== undefined);
    assert.deepEqual([v1.served, v1.schemaPointer, v2.served, v2.schemaPointer], [true, '/spec/versions/0/schema/openAPIV3Schema', false, '/spec/validation/openAPIV3Schema']);
    assert.deepEqual(v1.schema(), { type: 'object', properties: { size: { type: 'integer' } } });
    assert.deepEqual(v2.schema(), { type: 'object', description: 'shared' });
    assert.equal(v1.schema(), v1.schema());
    const versions = arrayAt(objectPath(crd.object, ['spec']) ?? {}, 'versions');
    assert.notEqual(v1.schema(), objectPath(isJsonObject(versions[0]) ? versions[0] : {}, ['schema', 'openAPIV3Schema']), 'read again, not the loaded object');
  });

  it('keeps the spec of a CRD it could not read again from its source (a rendered object names another file)', () => {
    const [, crd] = artifactsOf(TEXT);
    assert.ok(crd !== undefined);
    const rendered: KubernetesObjectArtifact = { ...crd, source: createSourceDocument('Chart.yaml', 'name: chart\n') };
    const fact = schemaFactOf(rendered);
    assert.ok(fact !== undefined && fact.kind === 'custom-resource-definition');
    const version = indexCustomResources([fact]).versions.get('example.com/v1 Widget');
    const versions = arrayAt(objectPath(crd.object, ['spec']) ?? {}, 'versions');
    assert.equal(version?.schema(), objectPath(isJsonObject(versions[0]) ? versions[0] : {}, ['schema', 'openAPIV3Schema']));
  });
});
