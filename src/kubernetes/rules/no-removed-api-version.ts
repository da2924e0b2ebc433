import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { KubernetesVersionOptions } from '../schema/index.ts';
import { KUBERNETES_VERSION_OPTION, deprecationOf, statusAt } from '../schema/index.ts';

export const noRemovedApiVersion = defineRule<KubernetesObjectArtifact, 'removed', KubernetesVersionOptions>({
  meta: {
    id: 'K8S-0203',
    slug: 'no-removed-api-version',
    title: 'Object uses an API version the target Kubernetes release no longer serves',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The object names an apiVersion that was removed at or before the target Kubernetes release (option `kubernetesVersion`, default the latest release the table knows). The API server of that release refuses the manifest ("no matches for kind"), so a deployment or an upgrade fails.',
    remediation: 'Change the apiVersion to the replacement the message names and apply the field changes the Kubernetes deprecation guide lists for it.',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['schema'],
    messages: { removed: '{kind} "{apiVersion}" was removed in Kubernetes {removedIn} (target {target}); use {replacement}.' },
    options: KUBERNETES_VERSION_OPTION,
  },
  check(context, artifact) {
    const { apiVersion, kind } = artifact.ref;
    const entry = deprecationOf(apiVersion, kind);
    const target = context.options.kubernetesVersion;
    if (entry?.removedIn === undefined || statusAt(entry, target) !== 'removed') return;
    context.report({ messageId: 'removed', at: { pointer: '/apiVersion' }, data: { kind, apiVersion, removedIn: entry.removedIn, target, replacement: entry.replacement } });
  },
});
