import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { SchemaFact, ViolationMessageId } from '../schema/index.ts';
import { VIOLATION_MESSAGES, compiledSchemaOf, errorsOf, indexCustomResources, isBuiltinKind, schemaFactOf, violationReports, violationsOf } from '../schema/index.ts';
import { apiGroupOf } from '../workload.ts';

type MessageId = ViolationMessageId | 'versionNotDefined' | 'versionNotServed' | 'schemaUnusable';

export const requireValidCustomResource = defineRule<KubernetesObjectArtifact, MessageId, SchemaFact>({
  meta: {
    id: 'K8S-0201',
    slug: 'require-valid-custom-resource',
    title: 'Custom resource does not match the schema of its CustomResourceDefinition',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A custom resource is checked against the `openAPIV3Schema` of the CustomResourceDefinition in the scanned files that defines its group, version and kind. A field of the wrong type, a missing required field, a value outside an enumeration or a bound, or a field the schema does not declare makes the API server reject the object or prune the field; a version the CRD does not define or no longer serves is rejected.',
    remediation: 'Fix the reported field as the CustomResourceDefinition describes it, or use a version the CRD serves.',
    references: [
      'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation',
      'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema',
    ],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['schema'],
    messages: {
      ...VIOLATION_MESSAGES,
      versionNotDefined: 'The CustomResourceDefinition of {kind} defines no version "{version}" (it defines {defined}).',
      versionNotServed: 'Version "{version}" of {kind} is not served by its CustomResourceDefinition.',
      schemaUnusable: 'The schema of {kind} {apiVersion} in its CustomResourceDefinition could not be used: {reason}.',
    },
  },
  // Only CRDs (their kinds and versions) and objects of kinds that are not built in matter: the scan keeps nothing else for this rule.
  collect: schemaFactOf,
  checkProject(context, facts) {
    const index = indexCustomResources(facts);
    if (index.versions.size === 0) return;
    for (const artifact of facts) {
      if (artifact.kind !== 'kubernetes-object') continue;
      const { apiVersion, kind } = artifact.ref;
      const group = apiGroupOf(apiVersion);
      const defined = index.kinds.get(`${group} ${kind}`);
      if (defined === undefined || isBuiltinKind(apiVersion, kind)) continue;
      const version = index.versions.get(`${apiVersion} ${kind}`);
      const data = { kind, version: apiVersion.slice(group.length + 1), apiVersion };
      if (version === undefined) {
        context.report({ artifact, messageId: 'versionNotDefined', at: { pointer: '/apiVersion' }, data: { ...data, defined: defined.map((name) => `"${name}"`).join(', ') } });
        continue;
      }
      if (!version.served) {
        context.report({ artifact, messageId: 'versionNotServed', at: { pointer: '/apiVersion' }, data });
        continue;
      }
      const compiled = compiledSchemaOf(version);
      if (compiled === undefined) continue;
      if (!compiled.ok) {
        context.report({ artifact, messageId: 'schemaUnusable', at: { pointer: '/kind' }, data: { ...data, reason: compiled.reason } });
        continue;
      }
      const violations = violationsOf(errorsOf(compiled.validate, artifact.object), artifact.object);
      for (const report of violationReports(artifact, violations.slice(0, 50))) context.report({ artifact, ...report });
    }
  },
});
