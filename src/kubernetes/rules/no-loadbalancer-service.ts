import { defineRule } from '../../core/index.ts';
import { arrayAt, objectAt, objectPath, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

/** Annotations by which cloud providers make a LoadBalancer Service internal, with the value that does it. */
const INTERNAL_ANNOTATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['service.beta.kubernetes.io/aws-load-balancer-internal', ['true', '0.0.0.0/0']],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', ['internal']],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', ['true']],
  ['networking.gke.io/load-balancer-type', ['Internal']],
  ['cloud.google.com/load-balancer-type', ['Internal']],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', ['true']],
  ['service.beta.openstack.org/internal-load-balancer', ['true']],
]);

interface Options {
  readonly allowSourceRanges: boolean;
  readonly allowInternal: boolean;
}

export const noLoadbalancerService = defineRule<KubernetesObjectArtifact, 'loadBalancer', Options>({
  meta: {
    id: 'K8S-0026',
    slug: 'no-loadbalancer-service',
    title: 'Service is exposed through an unrestricted external load balancer',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A `LoadBalancer` Service asks the cloud provider for a load balancer, usually with a public address that accepts traffic from anywhere. Without `loadBalancerSourceRanges` or an internal load balancer, the Service is on the internet, outside the Ingress that would add TLS and authentication.',
    remediation: 'Expose the Service through an Ingress or Gateway, make the load balancer internal, or restrict it with `spec.loadBalancerSourceRanges`.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer', 'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/'],
    aliases: [{ tool: 'kube-linter', id: 'exposed-services', relation: 'similar' }],
    compliance: ['nist-800-190:4.3.3', 'pci-dss-4.0:1.3.1', 'nsa-cisa-k8s-1.2:network/network-policies'],
    packs: ['network'],
    cel: {
      kinds: [{ apiGroup: '', kind: 'Service' }],
      expression:
        'object.?spec.?type.orValue("") != "LoadBalancer" || size(object.?spec.?loadBalancerSourceRanges.orValue([])) > 0 || object.?metadata.?annotations[?"service.beta.kubernetes.io/aws-load-balancer-internal"].orValue("") in ["true", "0.0.0.0/0"] || object.?metadata.?annotations[?"service.beta.kubernetes.io/aws-load-balancer-scheme"].orValue("") in ["internal"] || object.?metadata.?annotations[?"service.beta.kubernetes.io/azure-load-balancer-internal"].orValue("") in ["true"] || object.?metadata.?annotations[?"networking.gke.io/load-balancer-type"].orValue("") in ["Internal"] || object.?metadata.?annotations[?"cloud.google.com/load-balancer-type"].orValue("") in ["Internal"] || object.?metadata.?annotations[?"service.beta.kubernetes.io/oci-load-balancer-internal"].orValue("") in ["true"] || object.?metadata.?annotations[?"service.beta.openstack.org/internal-load-balancer"].orValue("") in ["true"]',
      message:
        '"Service " + object.?metadata.?name.orValue("") + " of type LoadBalancer must set loadBalancerSourceRanges or be an internal load balancer."',
    },
    messages: {
      loadBalancer: 'Service "{name}" of type LoadBalancer accepts traffic from any address.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowSourceRanges: { type: 'boolean', description: 'Accept a LoadBalancer Service that sets `loadBalancerSourceRanges`.' },
          allowInternal: { type: 'boolean', description: 'Accept a LoadBalancer Service annotated as internal for AWS, Azure, GCP, OCI or OpenStack.' },
        },
      },
      defaults: { allowSourceRanges: true, allowInternal: true },
    },
  },
  check(context, artifact) {
    const { object, ref } = artifact;
    if (ref.kind !== 'Service' || apiGroupOf(ref.apiVersion) !== '') return;
    const spec = objectAt(object, 'spec') ?? {};
    if (stringAt(spec, 'type') !== 'LoadBalancer') return;
    if (context.options.allowSourceRanges && arrayAt(spec, 'loadBalancerSourceRanges').length > 0) return;
    if (context.options.allowInternal && isInternal(objectPath(object, ['metadata', 'annotations']))) return;
    context.report({ messageId: 'loadBalancer', at: { pointer: '/spec/type' }, data: { name: ref.name ?? '(unnamed)' } });
  },
});

function isInternal(annotations: Readonly<Record<string, unknown>> | undefined): boolean {
  if (annotations === undefined) return false;
  return [...INTERNAL_ANNOTATIONS].some(([key, values]) => {
    const value = annotations[key];
    return typeof value === 'string' && values.includes(value);
  });
}
