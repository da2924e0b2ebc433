import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

/** Every probe and handler that can name a port (gRPC ports are numbers only). */
const PROBE_PORTS = ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe) => ['httpGet', 'tcpSocket'].map((handler) => ({ probe, handler })));

export const requireProbePorts = defineRule({
  meta: {
    id: 'K8S-0034',
    slug: 'require-probe-ports',
    title: 'Probe targets a port name the container does not define',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A probe whose port is a name that no port of the container defines (a misspelt or renamed port) never succeeds: the liveness probe restarts the container in a loop, the readiness probe keeps it out of its Services, the startup probe blocks both.',
    remediation: 'Point the probe at the name of a port the container declares in `ports`, or at the port number.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port'],
    aliases: [
      { tool: 'kube-linter', id: 'liveness-port', relation: 'similar' },
      { tool: 'kube-linter', id: 'readiness-port', relation: 'similar' },
      { tool: 'kube-linter', id: 'startup-port', relation: 'similar' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '(variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).all(c, [c.?livenessProbe.?httpGet.?port.orValue(0), c.?livenessProbe.?tcpSocket.?port.orValue(0), c.?readinessProbe.?httpGet.?port.orValue(0), c.?readinessProbe.?tcpSocket.?port.orValue(0), c.?startupProbe.?httpGet.?port.orValue(0), c.?startupProbe.?tcpSocket.?port.orValue(0)].all(port, type(port) != string || port.matches("^[0-9]+$") || c.?ports.orValue([]).exists(p, p.?name.orValue(null) == port)))',
      message:
        '"Container(s) " + (variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).filter(c, !([c.?livenessProbe.?httpGet.?port.orValue(0), c.?livenessProbe.?tcpSocket.?port.orValue(0), c.?readinessProbe.?httpGet.?port.orValue(0), c.?readinessProbe.?tcpSocket.?port.orValue(0), c.?startupProbe.?httpGet.?port.orValue(0), c.?startupProbe.?tcpSocket.?port.orValue(0)].all(port, type(port) != string || port.matches("^[0-9]+$") || c.?ports.orValue([]).exists(p, p.?name.orValue(null) == port)))).map(c, c.?name.orValue("")).join(", ") + " probe a named port they do not declare."',
    },
    messages: {
      unknownName: 'The {probe} of container "{container}" targets port "{port}", which the container does not name.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod, ['containers', 'initContainers'])) {
      const ports = arrayAt(container, 'ports').filter(isJsonObject);
      for (const { probe, handler } of PROBE_PORTS) {
        const port = objectAt(objectAt(container, probe) ?? {}, handler)?.['port'];
        // Numbers are not checked: declaring ports is optional, and a probe on an undeclared number works.
        if (typeof port !== 'string' || /^\d+$/.test(port) || ports.some((entry) => entry['name'] === port)) continue;
        const data = { probe, container: name, port };
        context.report({ messageId: 'unknownName', at: { pointer: `${pointer}/${probe}/${handler}/port` }, data });
      }
    }
  },
});
