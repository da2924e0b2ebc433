import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../json.ts';
import { podViewOf } from './pod.ts';

const POD_SPEC: JsonObject = { initContainers: [{ name: 'init' }], containers: [{ name: 'c' }], ephemeralContainers: [{ name: 'debug' }] };
const TEMPLATE: JsonObject = { metadata: { annotations: { a: 'b' } }, spec: POD_SPEC };

/** Every pod-bearing kind: where its pod spec and metadata are. */
const KINDS = [
  { object: { apiVersion: 'v1', kind: 'Pod', metadata: { annotations: { a: 'b' } }, spec: POD_SPEC }, spec: '/spec', metadata: '/metadata' },
  { object: { apiVersion: 'v1', kind: 'PodTemplate', template: TEMPLATE }, spec: '/template/spec', metadata: '/template/metadata' },
  { object: { apiVersion: 'v1', kind: 'ReplicationController', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'batch/v1', kind: 'Job', spec: { template: TEMPLATE } }, spec: '/spec/template/spec', metadata: '/spec/template/metadata' },
  { object: { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: TEMPLATE } } } }, spec: '/spec/jobTemplate/spec/template/spec', metadata: '/spec/jobTemplate/spec/template/metadata' },
] as const;

describe('podViewOf', () => {
  for (const { object, spec, metadata } of KINDS) {
    it(`${object.kind}: spec at ${spec}, metadata at ${metadata}, containers in upstream order`, () => {
      const view = podViewOf(object);
      assert.ok(view !== undefined);
      assert.equal(view.pointer, spec);
      assert.equal(view.metadataPointer, metadata);
      assert.deepEqual(view.annotations, { a: 'b' });
      assert.deepEqual(view.containers.map(({ pointer, name }) => [pointer, name]), [
        [`${spec}/initContainers/0`, 'init'],
        [`${spec}/containers/0`, 'c'],
        [`${spec}/ephemeralContainers/0`, 'debug'],
      ]);
    });
  }

  it('ignores objects without a pod spec and kinds of unknown groups', () => {
    assert.equal(podViewOf({ apiVersion: 'v1', kind: 'Service', spec: {} }), undefined);
    assert.equal(podViewOf({ apiVersion: 'example.com/v1', kind: 'Deployment', spec: { template: TEMPLATE } }), undefined);
    assert.equal(podViewOf({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: 'x' } }), undefined);
  });

  it('copes with hostile shapes (non-object containers, metadata or security contexts)', () => {
    const view = podViewOf({ apiVersion: 'v1', kind: 'Pod', metadata: 'x', spec: { securityContext: [], containers: ['x', null, { name: 7, securityContext: 'y' }] } });
    assert.ok(view !== undefined);
    assert.deepEqual(view.annotations, {});
    assert.equal(view.securityContext, undefined);
    assert.deepEqual(view.containers.map(({ pointer, name, securityContext }) => [pointer, name, securityContext]), [['/spec/containers/2', 'containers[2]', undefined]]);
  });
});
