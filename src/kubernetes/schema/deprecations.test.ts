import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_DEPRECATIONS, DEPRECATIONS_KUBERNETES_RELEASE, deprecationOf, minorOf, statusAt } from './deprecations.ts';

describe('API deprecation table', () => {
  it('has one entry per apiVersion and kind, each deprecated before it is removed, within the releases the table knows', () => {
    const keys = API_DEPRECATIONS.map((entry) => `${entry.apiVersion} ${entry.kind}`);
    assert.equal(new Set(keys).size, keys.length);
    const latest = minorOf(DEPRECATIONS_KUBERNETES_RELEASE) ?? 0;
    for (const entry of API_DEPRECATIONS) {
      const deprecated = entry.deprecatedIn === undefined ? undefined : minorOf(entry.deprecatedIn);
      const removed = entry.removedIn === undefined ? undefined : minorOf(entry.removedIn);
      assert.ok(deprecated !== undefined || removed !== undefined, `${entry.apiVersion} ${entry.kind}`);
      if (deprecated !== undefined && removed !== undefined) assert.ok(deprecated < removed, `${entry.apiVersion} ${entry.kind}`);
      assert.ok(Math.max(deprecated ?? 0, removed ?? 0) <= latest, `${entry.apiVersion} ${entry.kind}`);
    }
  });

  const rows = [
    ['extensions/v1beta1', 'Ingress', '1.14', '1.22', 'networking.k8s.io/v1'],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.21', '1.25', 'Pod Security Admission (there is no API replacement)'],
    ['batch/v1beta1', 'CronJob', '1.21', '1.25', 'batch/v1'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.22', '1.25', 'autoscaling/v2'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.23', '1.26', 'autoscaling/v2'],
    ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.24', '1.27', 'storage.k8s.io/v1'],
  ] as const;
  for (const [apiVersion, kind, deprecatedIn, removedIn, replacement] of rows) {
    it(`${apiVersion} ${kind}: deprecated ${deprecatedIn}, removed ${removedIn}`, () => {
      assert.deepEqual(deprecationOf(apiVersion, kind), { apiVersion, kind, deprecatedIn, removedIn, replacement });
    });
  }

  it('places a target release before, at and after the boundaries', () => {
    const entry = deprecationOf('batch/v1beta1', 'CronJob');
    assert.ok(entry !== undefined);
    assert.deepEqual(['1.20', '1.21', 'v1.24.9', '1.25', '1.36', 'nonsense'].map((target) => statusAt(entry, target)), ['current', 'deprecated', 'deprecated', 'removed', 'removed', 'current']);
  });

  it('reads 1.N, v1.N and 1.N.P', () => {
    assert.deepEqual(['1.25', 'v1.25', '1.25.3', ' 1.9 ', '2.0', '1', 'x'].map(minorOf), [25, 25, 25, 9, undefined, undefined, undefined]);
  });
});
