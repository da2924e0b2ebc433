import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { isBuiltInNamespaced } from '../scope.ts';

interface Options {
  readonly reportMissing: boolean;
}

export const noDefaultNamespace = defineRule<KubernetesObjectArtifact, 'explicitDefault' | 'missingNamespace', Options>({
  meta: {
    id: 'K8S-0030',
    slug: 'no-default-namespace',
    title: 'Object is placed in the default namespace',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The `default` namespace is shared by everything nobody placed elsewhere. Objects there share one default service account, one set of quotas and policies, and every RoleBinding made for any of them, so namespaces no longer separate workloads.',
    remediation: 'Set `metadata.namespace` to a namespace dedicated to the application, or apply the manifests with a namespace set by kustomize, Helm or `kubectl -n`.',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/', 'https://kubernetes.io/docs/concepts/security/multi-tenancy/'],
    aliases: [
      { tool: 'kube-linter', id: 'use-namespace', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_21', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.7.4', 'nsa-cisa-k8s-1.2:network/namespaces'],
    packs: ['hardening'],
    messages: {
      explicitDefault: '{kind} "{name}" is placed in the default namespace.',
      missingNamespace: '{kind} "{name}" names no namespace, so it lands in the default namespace unless one is set when it is applied.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportMissing: {
            type: 'boolean',
            description: 'Also report built-in namespaced objects without `metadata.namespace`, as kube-linter and Checkov do.',
          },
        },
      },
      defaults: { reportMissing: false },
    },
  },
  check(context, artifact) {
    const { ref } = artifact;
    const data = { kind: ref.kind, name: ref.name ?? '(unnamed)' };
    if (ref.namespace === 'default') {
      context.report({ messageId: 'explicitDefault', at: { pointer: '/metadata/namespace' }, data });
      return;
    }
    if (ref.namespace !== undefined || !context.options.reportMissing || !isBuiltInNamespaced(ref)) return;
    context.report({ messageId: 'missingNamespace', at: { pointer: '/metadata/namespace' }, data });
  },
});
