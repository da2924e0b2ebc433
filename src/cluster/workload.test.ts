import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../kubernetes/json.ts';
import { podRecord, workloadOf } from './workload.ts';

const DIGEST = `sha256:${'e'.repeat(64)}`;

function pod(name: string, owner?: { kind: string; name: string }, labels: Record<string, string> = {}): JsonObject {
  return { metadata: { name, namespace: 'prod', labels, ...(owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true }] }) } };
}

describe('workloadOf', () => {
  const cases: [string, JsonObject, string][] = [
    ['a Deployment through its ReplicaSet', pod('payments-6f7d8c9b5-k2x9q', { kind: 'ReplicaSet', name: 'payments-6f7d8c9b5' }, { 'pod-template-hash': '6f7d8c9b5' }), 'Deployment payments'],
    ['a ReplicaSet of its own (no template hash label)', pod('legacy-abcde', { kind: 'ReplicaSet', name: 'legacy' }), 'ReplicaSet legacy'],
    ['a ReplicaSet whose name does not end in the hash', pod('x-1', { kind: 'ReplicaSet', name: 'x' }, { 'pod-template-hash': '999' }), 'ReplicaSet x'],
    ['a CronJob through its Job', pod('nightly-29400480-7wq4d', { kind: 'Job', name: 'nightly-29400480' }), 'CronJob nightly'],
    ['a Job of its own', pod('migrate-7wq4d', { kind: 'Job', name: 'migrate' }), 'Job migrate'],
    ['a StatefulSet', pod('ledger-0', { kind: 'StatefulSet', name: 'ledger' }), 'StatefulSet ledger'],
    ['a DaemonSet', pod('agent-x2', { kind: 'DaemonSet', name: 'agent' }), 'DaemonSet agent'],
    ['a bare Pod', pod('debug'), 'Pod debug'],
    ['an owner that is not the controller', { metadata: { name: 'p', ownerReferences: [{ kind: 'Node', name: 'n1' }] } }, 'Pod p'],
    ['a Pod without metadata', {}, 'Pod (unnamed)'],
  ];
  for (const [name, object, expected] of cases) {
    it(name, () => {
      const workload = workloadOf(object);
      assert.equal(`${workload.kind} ${workload.name}`, expected);
    });
  }
});

describe('podRecord', () => {
  it('keeps each container with the digest of its spec or status, and drops finished Pods', () => {
    const spec = { initContainers: [{ name: 'init', image: `r/i@${DIGEST}` }], containers: [{ name: 'app', image: 'r/app:1' }, { name: 'side', image: 'r/side:2' }, { name: 'no-image' }, 'junk'] };
    const status = { phase: 'Running', containerStatuses: [{ name: 'app', imageID: `docker-pullable://r/app@${DIGEST}` }, { name: 'side', imageID: '' }] };
    assert.deepEqual(podRecord({ ...pod('web'), spec, status }), {
      namespace: 'prod',
      name: 'web',
      workload: { kind: 'Pod', name: 'web' },
      containers: [
        { name: 'init', image: `r/i@${DIGEST}`, digest: DIGEST },
        { name: 'app', image: 'r/app:1', digest: DIGEST },
        { name: 'side', image: 'r/side:2' },
      ],
    });
    assert.equal(podRecord({ ...pod('done'), spec, status: { phase: 'Succeeded' } }), undefined);
    assert.equal(podRecord({ ...pod('crashed'), spec, status: { phase: 'Failed' } }), undefined);
  });
});
