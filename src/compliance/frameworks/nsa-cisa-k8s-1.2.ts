import { defineFramework } from '../framework.ts';

/**
 * NSA/CISA Kubernetes Hardening Guidance, version 1.2 (August 2022). The guide has no numbered
 * controls; ids follow its chapters (`pod-security`, `network`, `authz`, `logging`, `upgrading`) and
 * sections, titles are its headings. Manifests can show only part of it: cluster, node and logging
 * configuration are manual.
 */
export const nsaCisaK8s12 = defineFramework({
  id: 'nsa-cisa-k8s-1.2',
  title: 'NSA/CISA Kubernetes Hardening Guidance v1.2',
  url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  controls: [
    { id: 'pod-security/non-root', title: 'Kubernetes Pod security: "Non-root" containers and "rootless" container engines', automation: 'partial' },
    { id: 'pod-security/immutable-filesystems', title: 'Kubernetes Pod security: Immutable container file systems', automation: 'automated' },
    { id: 'pod-security/secure-images', title: 'Kubernetes Pod security: Building secure container images', automation: 'partial' },
    { id: 'pod-security/pod-security-enforcement', title: 'Kubernetes Pod security: Pod security enforcement', automation: 'partial' },
    { id: 'pod-security/service-account-tokens', title: 'Kubernetes Pod security: Protecting Pod service account tokens', automation: 'automated' },
    { id: 'pod-security/hardening-container-environments', title: 'Kubernetes Pod security: Hardening container environments', automation: 'partial' },
    { id: 'network/namespaces', title: 'Network separation and hardening: Namespaces', automation: 'partial' },
    { id: 'network/network-policies', title: 'Network separation and hardening: Network policies', automation: 'automated' },
    { id: 'network/resource-policies', title: 'Network separation and hardening: Resource policies', automation: 'partial' },
    { id: 'network/control-plane-hardening', title: 'Network separation and hardening: Control plane hardening', automation: 'manual' },
    { id: 'network/etcd', title: 'Network separation and hardening: Control plane hardening: Etcd', automation: 'manual' },
    { id: 'network/kubeconfig-files', title: 'Network separation and hardening: Control plane hardening: Kubeconfig files', automation: 'manual' },
    { id: 'network/worker-node-segmentation', title: 'Network separation and hardening: Worker node segmentation', automation: 'manual' },
    { id: 'network/encryption', title: 'Network separation and hardening: Encryption', automation: 'partial' },
    { id: 'network/secrets', title: 'Network separation and hardening: Secrets', automation: 'partial' },
    { id: 'network/cloud-infrastructure', title: 'Network separation and hardening: Protecting sensitive cloud infrastructure', automation: 'manual' },
    { id: 'authz/authentication', title: 'Authentication and authorization: Authentication', automation: 'partial' },
    { id: 'authz/rbac', title: 'Authentication and authorization: Role-based access control', automation: 'partial' },
    { id: 'logging/logging', title: 'Audit logging and threat detection: Logging', automation: 'manual' },
    { id: 'logging/audit-logging', title: 'Audit logging and threat detection: Kubernetes native audit logging configuration', automation: 'manual' },
    { id: 'logging/worker-node-logging', title: 'Audit logging and threat detection: Worker node and container logging', automation: 'manual' },
    { id: 'logging/seccomp-audit-mode', title: 'Audit logging and threat detection: Seccomp: audit mode', automation: 'manual' },
    { id: 'logging/syslog', title: 'Audit logging and threat detection: Syslog', automation: 'manual' },
    { id: 'logging/siem', title: 'Audit logging and threat detection: SIEM platforms', automation: 'manual' },
    { id: 'logging/service-meshes', title: 'Audit logging and threat detection: Service meshes', automation: 'manual' },
    { id: 'logging/fault-tolerance', title: 'Audit logging and threat detection: Fault tolerance', automation: 'manual' },
    { id: 'logging/threat-detection', title: 'Audit logging and threat detection: Threat detection', automation: 'manual' },
    { id: 'logging/alerting', title: 'Audit logging and threat detection: Alerting', automation: 'manual' },
    { id: 'logging/tools', title: 'Audit logging and threat detection: Tools', automation: 'manual' },
    { id: 'upgrading/application-security', title: 'Upgrading and application security practices', automation: 'manual' },
  ],
});
