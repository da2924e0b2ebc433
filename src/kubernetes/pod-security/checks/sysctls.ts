import { arrayAt, isJsonObject } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { stringOr } from '../pod.ts';

/** The "safe" sysctls, namespaced and isolated between pods, by the policy version that allowed them. */
const SYSCTLS_V1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_V1_27 = [...SYSCTLS_V1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_V1_29 = [...SYSCTLS_V1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_V1_32 = [...SYSCTLS_V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SYSCTLS_V1_37 = [...SYSCTLS_V1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** Upstream: spec.securityContext.sysctls[*].name must be in the allowed set of the policy version. */
function sysctls(allowed: readonly string[]): (pod: PodView) => Violation<'sysctl'>[] {
  const set = new Set(allowed);
  return (pod) => {
    const violations: Violation<'sysctl'>[] = [];
    arrayAt(pod.securityContext ?? {}, 'sysctls').forEach((sysctl, index) => {
      const name = isJsonObject(sysctl) ? stringOr(sysctl, 'name') : '';
      if (set.has(name)) return;
      violations.push({ pointer: `${pod.pointer}/securityContext/sysctls/${index}/name`, messageId: 'sysctl', data: { name } });
    });
    return violations;
  };
}

/** `sysctls` (baseline, v1.0+; the allowed set grew in v1.27, v1.29, v1.32 and v1.37). */
export const sysctlsCheck = defineCheck({
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimum: 0, checkPod: sysctls(SYSCTLS_V1_0) },
    { minimum: 27, checkPod: sysctls(SYSCTLS_V1_27) },
    { minimum: 29, checkPod: sysctls(SYSCTLS_V1_29) },
    { minimum: 32, checkPod: sysctls(SYSCTLS_V1_32) },
    { minimum: 37, checkPod: sysctls(SYSCTLS_V1_37) },
  ],
});
