import { defineFramework } from '../framework.ts';

/** CIS Kubernetes Benchmark v1.9.0, section 5 (policies). */
export const cisK8s19 = defineFramework({
  id: 'cis-k8s-1.9',
  title: 'CIS Kubernetes Benchmark v1.9.0',
  url: 'https://www.cisecurity.org/benchmark/kubernetes',
  controls: [
    { id: '5.1.1', title: 'cluster-admin bound only where it is really needed', automation: 'partial' },
    { id: '5.1.2', title: 'Few subjects can read Secrets', automation: 'partial' },
    { id: '5.1.3', title: 'No wildcard resources, verbs or API groups in roles', automation: 'automated' },
    { id: '5.1.4', title: 'Few subjects can create Pods', automation: 'manual' },
    { id: '5.1.5', title: 'Workloads do not run as the default service account', automation: 'partial' },
    { id: '5.1.6', title: 'Service account tokens mounted only in Pods that call the API', automation: 'partial' },
    { id: '5.1.8', title: 'bind, impersonate and escalate granted sparingly', automation: 'partial' },
    { id: '5.2.2', title: 'No privileged containers admitted', automation: 'automated' },
    { id: '5.2.3', title: 'No containers sharing the host PID namespace', automation: 'automated' },
    { id: '5.2.4', title: 'No containers sharing the host IPC namespace', automation: 'automated' },
    { id: '5.2.5', title: 'No containers on the host network', automation: 'automated' },
    { id: '5.2.6', title: 'Privilege escalation switched off in containers', automation: 'automated' },
    { id: '5.2.7', title: 'Containers do not run as root', automation: 'automated' },
    { id: '5.2.8', title: 'NET_RAW capability dropped', automation: 'automated' },
    { id: '5.2.9', title: 'No capabilities added beyond the defaults', automation: 'automated' },
    { id: '5.2.10', title: 'Capabilities dropped rather than assigned', automation: 'automated' },
    { id: '5.2.12', title: 'No hostPath volumes', automation: 'automated' },
    { id: '5.2.13', title: 'No host ports', automation: 'automated' },
    { id: '5.4.1', title: 'Secrets mounted as files rather than passed in environment variables', automation: 'partial' },
    { id: '5.7.2', title: 'A seccomp profile (RuntimeDefault or Localhost) on every Pod', automation: 'automated' },
    { id: '5.7.3', title: 'Security context set on Pods and containers', automation: 'partial' },
    { id: '5.7.4', title: 'Workloads kept out of the default namespace', automation: 'partial' },
  ],
});
