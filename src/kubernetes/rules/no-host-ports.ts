import { hostPortsCheck } from '../pod-security/checks/host-ports.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `hostPorts` (baseline). */
export const noHostPorts = definePodSecurityRule(hostPortsCheck, {
  id: 'K8S-0102',
  slug: 'no-host-ports',
  title: 'Container binds a port of the node',
  severity: 'medium',
  description:
    'A `hostPort` opens the port on the node\'s own address, bypassing Services and network policies, and ties the pod to nodes where the port is free.',
  remediation: 'Remove `hostPort` from the container\'s ports and expose the port through a Service.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
  aliases: [{ tool: 'trivy', id: 'KSV024', relation: 'same' }],
  compliance: ['cis-docker-1.6:5.14', 'cis-k8s-1.9:5.2.13', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.containers.all(c, c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0))',
    message:
      '"Container(s) " + variables.containers.filter(c, c.?ports.orValue([]).exists(p, p.?hostPort.orValue(0) != 0)).map(c, c.?name.orValue("")).join(", ") + " must not set ports[*].hostPort."',
  },
  messages: {
    hostPort: 'Container "{container}" must not use hostPort {port} (PodSecurity "{policy}").',
  },
});
