import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { SchemaFact, SchemaLocationOptions } from '../schema/index.ts';
import { SCHEMA_LOCATIONS_OPTION, findLocatedSchema, indexCustomResources, isBuiltinKind, schemaFactOf } from '../schema/index.ts';
import { apiGroupOf } from '../workload.ts';

export const requireKnownSchema = defineRule<KubernetesObjectArtifact, 'noSchema', SchemaLocationOptions, SchemaFact>({
  meta: {
    id: 'K8S-0202',
    slug: 'require-known-schema',
    title: 'Object has no schema to validate against',
    severity: 'info',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Schema validation skipped an object because its apiVersion and kind are neither a built-in kind of the bundled Kubernetes schema, nor defined by a CustomResourceDefinition in the scanned files, nor found in the `schemaLocations` folders. It is reported so that a skipped object is never mistaken for a valid one (kubeconform reports it as skipped).',
    remediation: 'Scan the CustomResourceDefinition together with its custom resources, add a JSON schema for the kind to a `schemaLocations` folder, or correct a misspelt apiVersion or kind.',
    references: ['https://github.com/yannh/kubeconform#overview', 'https://kubernetes.io/docs/reference/using-api/#api-groups'],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['schema'],
    messages: { noSchema: 'No schema is known for {kind} in "{apiVersion}"; the object was not validated.' },
    options: SCHEMA_LOCATIONS_OPTION,
  },
  // Only CRDs (their kinds and versions) and objects of kinds that are not built in matter: the scan keeps nothing else for this rule.
  collect: schemaFactOf,
  checkProject(context, facts) {
    const index = indexCustomResources(facts);
    for (const artifact of facts) {
      if (artifact.kind !== 'kubernetes-object') continue;
      const { apiVersion, kind } = artifact.ref;
      if (isBuiltinKind(apiVersion, kind) || index.kinds.has(`${apiGroupOf(apiVersion)} ${kind}`)) continue;
      if (findLocatedSchema(context.options.schemaLocations, apiVersion, kind) !== undefined) continue;
      context.report({ artifact, messageId: 'noSchema', at: { pointer: '/kind' }, data: { kind, apiVersion } });
    }
  },
});
