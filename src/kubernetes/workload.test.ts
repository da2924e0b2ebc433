import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from './json.ts';
import { apiGroupOf, containersOf, podSpecOf } from './workload.ts';

const POD_SPEC = { containers: [{ name: 'app' }] };

const POD_SPEC_CASES: readonly { readonly object: JsonObject; readonly pointer: string | undefined }[] = [
  { object: { apiVersion: 'v1', kind: 'Pod', spec: POD_SPEC }, pointer: '/spec' },
  { object: { apiVersion: 'v1', kind: 'PodTemplate', template: { spec: POD_SPEC } }, pointer: '/template/spec' },
  { object: { apiVersion: 'v1', kind: 'ReplicationController', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: POD_SPEC } } }, pointer: '/spec/template/spec' },
  { object: { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: POD_SPEC } } } } }, pointer: '/spec/jobTemplate/spec/template/spec' },
  { object: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Deployment', spec: { template: { spec: POD_SPEC } } }, pointer: undefined },
  { object: { apiVersion: 'apps/v1', kind: 'Pod', spec: POD_SPEC }, pointer: undefined },
  { object: { apiVersion: 'v1', kind: 'Service', spec: POD_SPEC }, pointer: undefined },
  { object: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: 'not an object' } }, pointer: undefined },
  { object: { apiVersion: 'v1', kind: 'toString', spec: POD_SPEC }, pointer: undefined },
];

describe('podSpecOf', () => {
  for (const { object, pointer } of POD_SPEC_CASES) {
    it(`${String(object['apiVersion'])} ${String(object['kind'])} → ${pointer ?? 'none'}`, () => {
      const pod = podSpecOf(object);
      assert.equal(pod?.pointer, pointer);
      if (pod !== undefined) assert.deepEqual(pod.spec, POD_SPEC);
    });
  }
});

describe('containersOf', () => {
  const pod = {
    pointer: '/spec',
    spec: {
      initContainers: [{ name: 'init' }],
      containers: [{ name: 'web' }, 'not a container', {}],
      ephemeralContainers: [{ name: 'debug' }],
    },
  };

  it('lists containers, init containers and ephemeral containers with their pointers', () => {
    assert.deepEqual(
      containersOf(pod).map(({ pointer, group, index, name }) => ({ pointer, group, index, name })),
      [
        { pointer: '/spec/containers/0', group: 'containers', index: 0, name: 'web' },
        { pointer: '/spec/containers/2', group: 'containers', index: 2, name: 'containers[2]' },
        { pointer: '/spec/initContainers/0', group: 'initContainers', index: 0, name: 'init' },
        { pointer: '/spec/ephemeralContainers/0', group: 'ephemeralContainers', index: 0, name: 'debug' },
      ],
    );
  });

  it('can be limited to some groups', () => {
    assert.deepEqual(containersOf(pod, ['initContainers']).map((container) => container.pointer), ['/spec/initContainers/0']);
  });
});

describe('apiGroupOf', () => {
  it('splits the group from the version', () => {
    assert.equal(apiGroupOf('v1'), '');
    assert.equal(apiGroupOf('apps/v1'), 'apps');
    assert.equal(apiGroupOf('rbac.authorization.k8s.io/v1'), 'rbac.authorization.k8s.io');
  });
});
