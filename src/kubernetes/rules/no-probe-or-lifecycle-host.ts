import { hostProbesAndHostLifecycleCheck } from '../pod-security/checks/host-probes-and-host-lifecycle.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `hostProbesAndHostLifecycle` (baseline, v1.34+). */
export const noProbeOrLifecycleHost = definePodSecurityRule(hostProbesAndHostLifecycleCheck, {
  id: 'K8S-0109',
  slug: 'no-probe-or-lifecycle-host',
  title: 'Probe or lifecycle hook targets another host',
  severity: 'medium',
  description:
    'The kubelet runs probes and lifecycle hooks from the node. A `host` in an `httpGet` or `tcpSocket` handler makes the kubelet connect wherever it points, which lets a pod reach addresses only the node can reach.',
  remediation: 'Remove `host` from the `httpGet` and `tcpSocket` handlers of probes and lifecycle hooks so that they target the pod\'s own IP.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  aliases: [],
  compliance: ['nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.containers.all(c, c.?livenessProbe.?httpGet.?host.orValue("") == "" && c.?livenessProbe.?tcpSocket.?host.orValue("") == "" && c.?readinessProbe.?httpGet.?host.orValue("") == "" && c.?readinessProbe.?tcpSocket.?host.orValue("") == "" && c.?startupProbe.?httpGet.?host.orValue("") == "" && c.?startupProbe.?tcpSocket.?host.orValue("") == "" && c.?lifecycle.?postStart.?httpGet.?host.orValue("") == "" && c.?lifecycle.?postStart.?tcpSocket.?host.orValue("") == "" && c.?lifecycle.?preStop.?httpGet.?host.orValue("") == "" && c.?lifecycle.?preStop.?tcpSocket.?host.orValue("") == "")',
    message:
      '"Container(s) " + variables.containers.filter(c, !(c.?livenessProbe.?httpGet.?host.orValue("") == "" && c.?livenessProbe.?tcpSocket.?host.orValue("") == "" && c.?readinessProbe.?httpGet.?host.orValue("") == "" && c.?readinessProbe.?tcpSocket.?host.orValue("") == "" && c.?startupProbe.?httpGet.?host.orValue("") == "" && c.?startupProbe.?tcpSocket.?host.orValue("") == "" && c.?lifecycle.?postStart.?httpGet.?host.orValue("") == "" && c.?lifecycle.?postStart.?tcpSocket.?host.orValue("") == "" && c.?lifecycle.?preStop.?httpGet.?host.orValue("") == "" && c.?lifecycle.?preStop.?tcpSocket.?host.orValue("") == "")).map(c, c.?name.orValue("")).join(", ") + " must not set a host in probes or lifecycle hooks (httpGet.host, tcpSocket.host)."',
  },
  messages: {
    host: 'Container "{container}" must not set {handler}.host ("{host}") (PodSecurity "{policy}").',
  },
});
