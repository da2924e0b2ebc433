// Every control against the minimal restricted pod and one tweak at a time (pod-security-admission's
// fixture generators), at the levels and versions where the upstream definition changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Tweak } from './fixtures.ts';
import { failingChecks, tweakedPod } from './fixtures.ts';
import type { PssLevel } from './policy.ts';

interface Expectation {
  readonly level: PssLevel;
  readonly version: string;
  /** Failing check id → reported pointers; `{}` when the pod passes. */
  readonly failing: Readonly<Record<string, readonly string[]>>;
}

interface Case {
  readonly name: string;
  readonly tweak: Tweak;
  readonly expect: readonly Expectation[];
}

const C = '/spec/containers/0';
const I = '/spec/initContainers/0';
const E = '/spec/ephemeralContainers/0';

const CASES: readonly Case[] = [
  {
    name: 'the minimal pod passes everywhere',
    tweak: {},
    expect: [
      { level: 'restricted', version: 'latest', failing: {} },
      { level: 'restricted', version: 'v1.0', failing: {} },
      { level: 'restricted', version: 'v1.99', failing: {} },
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'privileged', version: 'latest', failing: {} },
    ],
  },
  {
    name: 'hostNetwork, hostPID and hostIPC',
    tweak: { spec: { hostNetwork: true, hostPID: true, hostIPC: true } },
    expect: [
      { level: 'baseline', version: 'v1.0', failing: { hostNamespaces: ['/spec/hostNetwork', '/spec/hostPID', '/spec/hostIPC'] } },
      { level: 'restricted', version: 'latest', failing: { hostNamespaces: ['/spec/hostNetwork', '/spec/hostPID', '/spec/hostIPC'] } },
      { level: 'privileged', version: 'latest', failing: {} },
    ],
  },
  {
    name: 'host namespaces set to false',
    tweak: { spec: { hostNetwork: false, hostPID: false, hostIPC: false } },
    expect: [{ level: 'restricted', version: 'latest', failing: {} }],
  },
  {
    name: 'privileged init, regular and ephemeral containers',
    tweak: { container: { privileged: true }, initContainer: { privileged: true }, ephemeralContainer: { privileged: true } },
    expect: [{ level: 'baseline', version: 'latest', failing: { privileged: [`${I}/securityContext/privileged`, `${C}/securityContext/privileged`, `${E}/securityContext/privileged`] } }],
  },
  {
    name: 'privileged: false',
    tweak: { container: { privileged: false } },
    expect: [{ level: 'restricted', version: 'latest', failing: {} }],
  },
  {
    name: 'a default capability added',
    tweak: { container: { capabilities: { drop: ['ALL'], add: ['CHOWN'] } } },
    expect: [
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'restricted', version: 'v1.21', failing: {} },
      { level: 'restricted', version: 'v1.22', failing: { capabilities_restricted: [`${C}/securityContext/capabilities/add/0`] } },
    ],
  },
  {
    name: 'NET_RAW and SYS_ADMIN added (capabilities_baseline, overridden by capabilities_restricted from v1.22)',
    tweak: { container: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'NET_RAW', 'SYS_ADMIN'] } } },
    expect: [
      { level: 'baseline', version: 'latest', failing: { capabilities_baseline: [`${C}/securityContext/capabilities/add/1`, `${C}/securityContext/capabilities/add/2`] } },
      { level: 'restricted', version: 'v1.21', failing: { capabilities_baseline: [`${C}/securityContext/capabilities/add/1`, `${C}/securityContext/capabilities/add/2`] } },
      { level: 'restricted', version: 'v1.22', failing: { capabilities_restricted: [`${C}/securityContext/capabilities/add/1`, `${C}/securityContext/capabilities/add/2`] } },
    ],
  },
  {
    name: 'capabilities not dropped (restricted from v1.22; Windows pods exempt from v1.25)',
    tweak: { container: { capabilities: undefined }, initContainer: { capabilities: { drop: ['NET_RAW'] } } },
    expect: [
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'restricted', version: 'v1.21', failing: {} },
      { level: 'restricted', version: 'v1.22', failing: { capabilities_restricted: [`${I}/securityContext/capabilities/drop`, `${C}/securityContext/capabilities/drop`] } },
    ],
  },
  {
    name: 'lowercase "all" is not ALL',
    tweak: { container: { capabilities: { drop: ['all'] } } },
    expect: [{ level: 'restricted', version: 'latest', failing: { capabilities_restricted: [`${C}/securityContext/capabilities/drop`] } }],
  },
  {
    name: 'a Windows pod without restricted Linux fields',
    tweak: {
      spec: { os: { name: 'windows' } },
      podSecurityContext: { seccompProfile: undefined },
      container: { allowPrivilegeEscalation: undefined, capabilities: undefined },
      initContainer: { allowPrivilegeEscalation: undefined, capabilities: undefined },
    },
    expect: [
      { level: 'restricted', version: 'v1.25', failing: {} },
      {
        level: 'restricted',
        version: 'v1.24',
        failing: {
          allowPrivilegeEscalation: [`${I}/securityContext/allowPrivilegeEscalation`, `${C}/securityContext/allowPrivilegeEscalation`],
          capabilities_restricted: [`${I}/securityContext/capabilities/drop`, `${C}/securityContext/capabilities/drop`],
          seccompProfile_restricted: [`${I}/securityContext/seccompProfile`, `${C}/securityContext/seccompProfile`],
        },
      },
    ],
  },
  {
    name: 'a hostPath volume (hostPathVolumes; restrictedVolumes at the restricted level)',
    tweak: { spec: { volumes: [{ name: 'config', configMap: { name: 'c' } }, { name: 'host', hostPath: { path: '/' } }] } },
    expect: [
      { level: 'baseline', version: 'latest', failing: { hostPathVolumes: ['/spec/volumes/1/hostPath'] } },
      { level: 'restricted', version: 'v1.0', failing: { restrictedVolumes: ['/spec/volumes/1/hostPath'] } },
    ],
  },
  {
    name: 'restricted volume types; a volume without a source is an emptyDir',
    tweak: { spec: { volumes: [{ name: 'nfs', nfs: { server: 'n', path: '/' } }, { name: 'git', gitRepo: { repository: 'r' } }, { name: 'plain' }, { name: 'image', image: { reference: 'r' } }] } },
    expect: [
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'restricted', version: 'latest', failing: { restrictedVolumes: ['/spec/volumes/0/nfs', '/spec/volumes/1/gitRepo'] } },
    ],
  },
  {
    name: 'host ports in init and regular containers, 0 allowed',
    tweak: { containerFields: { ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 443, hostPort: 8443 }] }, spec: { initContainers: [{ name: 'init', image: 'busybox', ports: [{ hostPort: 9000 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } },
    expect: [{ level: 'baseline', version: 'v1.0', failing: { hostPorts: [`${I}/ports/0/hostPort`, `${C}/ports/1/hostPort`] } }],
  },
  {
    name: 'AppArmor fields and annotations',
    tweak: {
      podSecurityContext: { appArmorProfile: { type: 'Unconfined' } },
      container: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } },
      ephemeralContainer: { appArmorProfile: {} },
      annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/init': 'runtime/default' },
    },
    expect: [
      {
        level: 'baseline',
        version: 'v1.0',
        failing: { appArmorProfile: ['/spec/securityContext/appArmorProfile/type', `${E}/securityContext/appArmorProfile/type`, '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1c'] },
      },
    ],
  },
  {
    name: 'SELinux type, user and role',
    tweak: { podSecurityContext: { seLinuxOptions: { type: 'spc_t', level: 's0:c1' } }, container: { seLinuxOptions: { user: 'system_u', role: 'system_r', type: 'container_t' } } },
    expect: [
      {
        level: 'baseline',
        version: 'latest',
        failing: { seLinuxOptions: ['/spec/securityContext/seLinuxOptions/type', `${C}/securityContext/seLinuxOptions/user`, `${C}/securityContext/seLinuxOptions/role`] },
      },
    ],
  },
  {
    name: 'container_engine_t (allowed from v1.31)',
    tweak: { container: { seLinuxOptions: { type: 'container_engine_t' } } },
    expect: [
      { level: 'baseline', version: 'v1.30', failing: { seLinuxOptions: [`${C}/securityContext/seLinuxOptions/type`] } },
      { level: 'baseline', version: 'v1.31', failing: {} },
    ],
  },
  {
    name: 'procMount Unmasked',
    tweak: { container: { procMount: 'Unmasked' }, initContainer: { procMount: 'Default' } },
    expect: [
      { level: 'baseline', version: 'latest', failing: { procMount: [`${C}/securityContext/procMount`] } },
      { level: 'restricted', version: 'v1.34', failing: { procMount: [`${C}/securityContext/procMount`] } },
      { level: 'restricted', version: 'v1.35', failing: { procMount_restricted: [`${C}/securityContext/procMount`] } },
    ],
  },
  {
    name: 'procMount Unmasked in a user namespace (baseline relaxed from v1.35, restricted not)',
    tweak: { spec: { hostUsers: false }, container: { procMount: 'Unmasked' } },
    expect: [
      { level: 'baseline', version: 'v1.34', failing: { procMount: [`${C}/securityContext/procMount`] } },
      { level: 'baseline', version: 'v1.35', failing: {} },
      { level: 'restricted', version: 'v1.35', failing: { procMount_restricted: [`${C}/securityContext/procMount`] } },
    ],
  },
  {
    name: 'seccomp alpha annotations (v1.0 – v1.18)',
    tweak: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/c': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/init': 'localhost/p' } },
    expect: [
      { level: 'baseline', version: 'v1.18', failing: { seccompProfile_baseline: ['/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod'] } },
      { level: 'restricted', version: 'v1.18', failing: { seccompProfile_baseline: ['/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod'] } },
      { level: 'baseline', version: 'v1.19', failing: {} },
    ],
  },
  {
    name: 'seccomp Unconfined on a container',
    tweak: { container: { seccompProfile: { type: 'Unconfined' } } },
    expect: [
      { level: 'baseline', version: 'v1.18', failing: {} },
      { level: 'baseline', version: 'v1.19', failing: { seccompProfile_baseline: [`${C}/securityContext/seccompProfile/type`] } },
      { level: 'restricted', version: 'v1.19', failing: { seccompProfile_restricted: [`${C}/securityContext/seccompProfile/type`] } },
    ],
  },
  {
    name: 'no seccomp profile anywhere',
    tweak: { podSecurityContext: { seccompProfile: undefined }, initContainer: { seccompProfile: { type: 'RuntimeDefault' } } },
    expect: [
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'restricted', version: 'v1.18', failing: {} },
      { level: 'restricted', version: 'v1.19', failing: { seccompProfile_restricted: [`${C}/securityContext/seccompProfile`] } },
    ],
  },
  {
    name: 'pod seccomp Unconfined hides the containers that rely on it',
    tweak: { podSecurityContext: { seccompProfile: { type: 'Unconfined' } } },
    expect: [{ level: 'restricted', version: 'latest', failing: { seccompProfile_restricted: ['/spec/securityContext/seccompProfile/type'] } }],
  },
  {
    name: 'sysctls of every version boundary',
    tweak: {
      podSecurityContext: {
        sysctls: [
          { name: 'net.ipv4.ip_local_reserved_ports', value: '1' },
          { name: 'net.ipv4.tcp_keepalive_time', value: '1' },
          { name: 'net.ipv4.tcp_rmem', value: '1' },
          { name: 'net.ipv4.tcp_notsent_lowat', value: '1' },
          { name: 'kernel.msgmax', value: '1' },
          { name: 'kernel.shm_rmid_forced', value: '1' },
        ],
      },
    },
    expect: [
      { level: 'baseline', version: 'v1.26', failing: { sysctls: ['/spec/securityContext/sysctls/0/name', '/spec/securityContext/sysctls/1/name', '/spec/securityContext/sysctls/2/name', '/spec/securityContext/sysctls/3/name', '/spec/securityContext/sysctls/4/name'] } },
      { level: 'baseline', version: 'v1.27', failing: { sysctls: ['/spec/securityContext/sysctls/1/name', '/spec/securityContext/sysctls/2/name', '/spec/securityContext/sysctls/3/name', '/spec/securityContext/sysctls/4/name'] } },
      { level: 'baseline', version: 'v1.29', failing: { sysctls: ['/spec/securityContext/sysctls/2/name', '/spec/securityContext/sysctls/3/name', '/spec/securityContext/sysctls/4/name'] } },
      { level: 'baseline', version: 'v1.32', failing: { sysctls: ['/spec/securityContext/sysctls/3/name', '/spec/securityContext/sysctls/4/name'] } },
      { level: 'restricted', version: 'v1.37', failing: { sysctls: ['/spec/securityContext/sysctls/4/name'] } },
      { level: 'restricted', version: 'latest', failing: { sysctls: ['/spec/securityContext/sysctls/4/name'] } },
    ],
  },
  {
    name: 'Windows HostProcess on the pod and a container',
    tweak: { podSecurityContext: { windowsOptions: { hostProcess: true } }, container: { windowsOptions: { hostProcess: true } }, initContainer: { windowsOptions: { hostProcess: false } } },
    expect: [{ level: 'baseline', version: 'v1.0', failing: { windowsHostProcess: ['/spec/securityContext/windowsOptions/hostProcess', `${C}/securityContext/windowsOptions/hostProcess`] } }],
  },
  {
    name: 'probe and lifecycle hosts (v1.34+)',
    tweak: {
      containerFields: {
        livenessProbe: { httpGet: { host: '169.254.169.254', port: 80 } },
        readinessProbe: { tcpSocket: { host: '', port: 80 } },
        startupProbe: { tcpSocket: { host: 'db', port: 5432 } },
        lifecycle: { preStop: { httpGet: { host: 'admin', port: 80 } } },
      },
    },
    expect: [
      { level: 'baseline', version: 'v1.33', failing: {} },
      { level: 'baseline', version: 'v1.34', failing: { hostProbesAndHostLifecycle: [`${C}/livenessProbe/httpGet/host`, `${C}/startupProbe/tcpSocket/host`, `${C}/lifecycle/preStop/httpGet/host`] } },
    ],
  },
  {
    name: 'allowPrivilegeEscalation unset or true (restricted from v1.8)',
    tweak: { container: { allowPrivilegeEscalation: true }, initContainer: { allowPrivilegeEscalation: undefined } },
    expect: [
      { level: 'baseline', version: 'latest', failing: {} },
      { level: 'restricted', version: 'v1.7', failing: {} },
      { level: 'restricted', version: 'v1.8', failing: { allowPrivilegeEscalation: [`${I}/securityContext/allowPrivilegeEscalation`, `${C}/securityContext/allowPrivilegeEscalation`] } },
    ],
  },
  {
    name: 'runAsNonRoot only on some containers',
    tweak: { podSecurityContext: { runAsNonRoot: undefined }, container: { runAsNonRoot: true }, ephemeralContainer: {} },
    expect: [{ level: 'restricted', version: 'v1.0', failing: { runAsNonRoot: [`${I}/securityContext/runAsNonRoot`, `${E}/securityContext/runAsNonRoot`] } }],
  },
  {
    name: 'runAsNonRoot false wins over the implicit containers',
    tweak: { podSecurityContext: { runAsNonRoot: false }, container: { runAsNonRoot: true }, initContainer: { runAsNonRoot: false } },
    expect: [{ level: 'restricted', version: 'latest', failing: { runAsNonRoot: ['/spec/securityContext/runAsNonRoot', `${I}/securityContext/runAsNonRoot`] } }],
  },
  {
    name: 'runAsUser 0 (restricted from v1.23)',
    tweak: { podSecurityContext: { runAsUser: 0 }, container: { runAsUser: 1000 }, initContainer: { runAsUser: 0 } },
    expect: [
      { level: 'restricted', version: 'v1.22', failing: {} },
      { level: 'restricted', version: 'v1.23', failing: { runAsUser: ['/spec/securityContext/runAsUser', `${I}/securityContext/runAsUser`] } },
    ],
  },
  {
    name: 'root in a user namespace (runAsNonRoot and runAsUser relaxed from v1.35)',
    tweak: { spec: { hostUsers: false }, podSecurityContext: { runAsNonRoot: false, runAsUser: 0 } },
    expect: [
      { level: 'restricted', version: 'v1.34', failing: { runAsNonRoot: ['/spec/securityContext/runAsNonRoot'], runAsUser: ['/spec/securityContext/runAsUser'] } },
      { level: 'restricted', version: 'v1.35', failing: {} },
    ],
  },
];

describe('Pod Security checks over tweaked pods', () => {
  for (const { name, tweak, expect } of CASES) {
    for (const { level, version, failing } of expect) {
      it(`${name} at ${level}:${version}`, () => {
        assert.deepEqual(failingChecks(tweakedPod(tweak), level, version), failing);
      });
    }
  }
});
