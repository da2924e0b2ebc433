import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PssLevel } from './policy.ts';
import { LATEST_MINOR, PSS_CHECKS, checkPodAt, validateChecks } from './registry.ts';

function activeIds(level: PssLevel, minor: number): string[] {
  return PSS_CHECKS.filter((check) => checkPodAt(check, level, minor) !== undefined).map((check) => check.id);
}

const BASELINE_V1_0 = ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'];

describe('Pod Security check registry', () => {
  it('holds valid checks (upstream validateChecks invariants)', () => {
    assert.deepEqual(validateChecks(), []);
    assert.equal(PSS_CHECKS.length, 19);
  });

  it('catches invalid registrations', () => {
    const check = (id: string, level: 'baseline' | 'restricted', minimums: number[], overrides?: string[]) => ({
      id,
      level,
      versions: minimums.map((minimum) => ({ minimum, checkPod: () => [], ...(overrides === undefined ? {} : { overrides }) })),
    });
    assert.deepEqual(validateChecks([check('a', 'baseline', [0]), check('a', 'baseline', [0])]), ['multiple checks registered for ID a']);
    assert.deepEqual(validateChecks([check('a', 'baseline', [])]), ['check a: empty']);
    assert.deepEqual(validateChecks([check('a', 'baseline', [3, 3])]), ['check a: versions must be strictly increasing']);
    assert.deepEqual(validateChecks([check('a', 'baseline', [0], ['b']), check('b', 'restricted', [0])]), ['check a: only restricted checks may set overrides', 'check a: overrides b, which is not a baseline check']);
  });

  it('resolves latest to v1.37, the newest version a check was defined for', () => {
    assert.equal(LATEST_MINOR, 37);
  });

  it('runs nothing at the privileged level', () => {
    assert.deepEqual(activeIds('privileged', LATEST_MINOR), []);
  });

  const table = [
    { level: 'baseline', minor: 0, ids: BASELINE_V1_0 },
    { level: 'baseline', minor: 34, ids: [...BASELINE_V1_0.slice(0, 5), 'hostProbesAndHostLifecycle', ...BASELINE_V1_0.slice(5)] },
    { level: 'restricted', minor: 0, ids: ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess', 'restrictedVolumes', 'runAsNonRoot'] },
    { level: 'restricted', minor: 8, ids: ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess', 'allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot'] },
    { level: 'restricted', minor: 19, ids: ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'sysctls', 'windowsHostProcess', 'allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted'] },
    { level: 'restricted', minor: 23, ids: ['appArmorProfile', 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'sysctls', 'windowsHostProcess', 'allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted'] },
    { level: 'restricted', minor: 37, ids: ['appArmorProfile', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'seLinuxOptions', 'sysctls', 'windowsHostProcess', 'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted'] },
  ] as const;
  for (const { level, minor, ids } of table) {
    it(`${level}:v1.${minor} runs ${ids.length} checks`, () => {
      assert.deepEqual(activeIds(level, minor), ids);
    });
  }
});
