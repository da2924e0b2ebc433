import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidatePath } from './locations.ts';

describe('schema locations (kubeconform naming)', () => {
  const cases = [
    ['schemas', 'apps/v1', 'Deployment', 'schemas/deployment-apps-v1.json'],
    ['schemas', 'v1', 'Pod', 'schemas/pod-v1.json'],
    ['schemas/', 'networking.k8s.io/v1', 'Ingress', 'schemas/ingress-networking-v1.json'],
    ['crds', 'cert-manager.io/v1', 'Certificate', 'crds/certificate-cert-manager-v1.json'],
    ['s/{{ .ResourceKind }}{{ .KindSuffix }}.json', 'monitoring.coreos.com/v1', 'ServiceMonitor', 's/servicemonitor-monitoring-v1.json'],
    ['s/{{.Group}}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json', 'monitoring.coreos.com/v1', 'ServiceMonitor', 's/monitoring.coreos.com/servicemonitor_v1.json'],
    ['s/{{ .Unknown }}.json', 'v1', 'Pod', 's/{{ .Unknown }}.json'],
  ] as const;
  for (const [location, apiVersion, kind, expected] of cases) {
    it(`${location} + ${apiVersion} ${kind}`, () => assert.equal(candidatePath(location, apiVersion, kind), expected));
  }
});
