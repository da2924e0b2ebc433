import { defineFramework } from '../framework.ts';

/** CIS Kubernetes Benchmark v1.9.0, section 5 (policies). */
export const cisK8s19 = defineFramework({
  id: 'cis-k8s-1.9',
  title: 'CIS Kubernetes Benchmark v1.9.0',
  url: 'https://www.cisecurity.org/benchmark/kubernetes',
  controls: [
    { id: '5.1.1', title: 'Ensure that the cluster-admin role is only used where required', automation: 'partial' },
    { id: '5.1.2', title: 'Minimize access to secrets', automation: 'partial' },
    { id: '5.1.3', title: 'Minimize wildcard use in Roles and ClusterRoles', automation: 'automated' },
    { id: '5.1.4', title: 'Minimize access to create pods', automation: 'manual' },
    { id: '5.1.5', title: 'Ensure that default service accounts are not actively used', automation: 'partial' },
    { id: '5.1.6', title: 'Ensure that Service Account Tokens are only mounted where necessary', automation: 'partial' },
    { id: '5.1.8', title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster', automation: 'partial' },
    { id: '5.2.2', title: 'Minimize the admission of privileged containers', automation: 'automated' },
    { id: '5.2.3', title: 'Minimize the admission of containers wishing to share the host process ID namespace', automation: 'automated' },
    { id: '5.2.4', title: 'Minimize the admission of containers wishing to share the host IPC namespace', automation: 'automated' },
    { id: '5.2.5', title: 'Minimize the admission of containers wishing to share the host network namespace', automation: 'automated' },
    { id: '5.2.6', title: 'Minimize the admission of containers with allowPrivilegeEscalation', automation: 'automated' },
    { id: '5.2.7', title: 'Minimize the admission of root containers', automation: 'automated' },
    { id: '5.2.8', title: 'Minimize the admission of containers with the NET_RAW capability', automation: 'automated' },
    { id: '5.2.9', title: 'Minimize the admission of containers with added capabilities', automation: 'automated' },
    { id: '5.2.10', title: 'Minimize the admission of containers with capabilities assigned', automation: 'automated' },
    { id: '5.2.12', title: 'Minimize the admission of HostPath volumes', automation: 'automated' },
    { id: '5.2.13', title: 'Minimize the admission of containers which use HostPorts', automation: 'automated' },
    { id: '5.4.1', title: 'Prefer using secrets as files over secrets as environment variables', automation: 'partial' },
    { id: '5.7.2', title: 'Ensure that the seccomp profile is set to docker/default in your pod definitions', automation: 'automated' },
    { id: '5.7.3', title: 'Apply Security Context to Your Pods and Containers', automation: 'partial' },
    { id: '5.7.4', title: 'The default namespace should not be used', automation: 'partial' },
  ],
});
