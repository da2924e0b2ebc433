import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { KubernetesVersionOptions } from '../schema/index.ts';
import { KUBERNETES_VERSION_OPTION, deprecationOf, statusAt } from '../schema/index.ts';

export const noDeprecatedApiVersion = defineRule<KubernetesObjectArtifact, 'deprecated' | 'deprecatedRemovedLater', KubernetesVersionOptions>({
  meta: {
    id: 'K8S-0204',
    slug: 'no-deprecated-api-version',
    title: 'Object uses a deprecated API version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The object names an apiVersion that is deprecated at the target Kubernetes release (option `kubernetesVersion`) but still served. It works today and breaks on the upgrade that removes it; the API server already answers with a deprecation warning.',
    remediation: 'Change the apiVersion to the replacement the message names before upgrading to the release that removes it.',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['schema'],
    messages: {
      deprecated: '{kind} "{apiVersion}" is deprecated since Kubernetes {deprecatedIn}; use {replacement}.',
      deprecatedRemovedLater: '{kind} "{apiVersion}" is deprecated since Kubernetes {deprecatedIn} and removed in {removedIn}; use {replacement}.',
    },
    options: KUBERNETES_VERSION_OPTION,
  },
  check(context, artifact) {
    const { apiVersion, kind } = artifact.ref;
    const entry = deprecationOf(apiVersion, kind);
    if (entry?.deprecatedIn === undefined || statusAt(entry, context.options.kubernetesVersion) !== 'deprecated') return;
    const data = { kind, apiVersion, deprecatedIn: entry.deprecatedIn, replacement: entry.replacement };
    if (entry.removedIn === undefined) context.report({ messageId: 'deprecated', at: { pointer: '/apiVersion' }, data });
    else context.report({ messageId: 'deprecatedRemovedLater', at: { pointer: '/apiVersion' }, data: { ...data, removedIn: entry.removedIn } });
  },
});
