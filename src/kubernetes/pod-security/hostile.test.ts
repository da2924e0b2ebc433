// Malformed, hostile and huge pod specs: the checks never throw and read only well-typed fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../json.ts';
import { failingChecks } from './fixtures.ts';

const CASES: readonly { name: string; object: JsonObject; failing: Record<string, string[]> }[] = [
  {
    name: 'every field of the wrong type',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { annotations: ['x'] },
      spec: {
        hostNetwork: 'true',
        securityContext: { runAsNonRoot: 'yes', sysctls: 'kernel.msgmax', seccompProfile: 'Unconfined', seLinuxOptions: [], windowsOptions: { hostProcess: 1 } },
        volumes: { hostPath: { path: '/' } },
        containers: [{ name: 'c', securityContext: { privileged: 'true', capabilities: { add: 'SYS_ADMIN', drop: 'ALL' }, procMount: 7, runAsUser: '0' }, ports: [{ hostPort: '80' }, 'x'] }],
      },
    },
    failing: {
      allowPrivilegeEscalation: ['/spec/containers/0/securityContext/allowPrivilegeEscalation'],
      capabilities_restricted: ['/spec/containers/0/securityContext/capabilities/drop'],
      runAsNonRoot: ['/spec/containers/0/securityContext/runAsNonRoot'],
      seccompProfile_restricted: ['/spec/containers/0/securityContext/seccompProfile'],
    },
  },
  {
    name: 'null everywhere',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: null, spec: { securityContext: null, volumes: [null, { name: 'v', hostPath: null }], containers: [null, { name: 'c', securityContext: null }] } },
    failing: {
      allowPrivilegeEscalation: ['/spec/containers/1/securityContext/allowPrivilegeEscalation'],
      capabilities_restricted: ['/spec/containers/1/securityContext/capabilities/drop'],
      runAsNonRoot: ['/spec/containers/1/securityContext/runAsNonRoot'],
      seccompProfile_restricted: ['/spec/containers/1/securityContext/seccompProfile'],
    },
  },
  {
    name: 'annotation keys with pointer metacharacters, __proto__ keys and odd sysctl entries',
    object: JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"__proto__":"x","container.apparmor.security.beta.kubernetes.io/a~b":"unconfined"}},"spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"},"sysctls":[{"value":"1"},7,{"name":"kernel.shm_rmid_forced"}]}}}'),
    failing: {
      appArmorProfile: ['/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1a~0b'],
      sysctls: ['/spec/securityContext/sysctls/0/name', '/spec/securityContext/sysctls/1/name'],
    },
  },
];

describe('Pod Security checks on hostile input', () => {
  for (const { name, object, failing } of CASES) {
    it(name, () => {
      assert.deepEqual(failingChecks(object, 'restricted', 'latest'), failing);
    });
  }

  it('evaluates a pod of 20,000 containers', () => {
    const containers = Array.from({ length: 20_000 }, (_value, index) => ({ name: `c${index}`, securityContext: { privileged: index % 2 === 0 } }));
    const failing = failingChecks({ apiVersion: 'v1', kind: 'Pod', spec: { containers } }, 'baseline', 'latest');
    assert.equal(failing['privileged']?.length, 10_000);
    assert.deepEqual(Object.keys(failing), ['privileged']);
  });
});
