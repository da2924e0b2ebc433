import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { SchemaLocationOptions, Violation, ViolationMessageId } from '../schema/index.ts';
import { SCHEMA_LOCATIONS_OPTION, VIOLATION_MESSAGES, errorsOf, findLocatedSchema, validateBuiltin, violationReports, violationsOf } from '../schema/index.ts';

type MessageId = ViolationMessageId | 'schemaUnusable';

export const requireValidSchema = defineRule<KubernetesObjectArtifact, MessageId, SchemaLocationOptions>({
  meta: {
    id: 'K8S-0200',
    slug: 'require-valid-schema',
    title: 'Object does not match the Kubernetes API schema',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'An object of a built-in kind (or of a kind with a schema file in `schemaLocations`) has a field of the wrong type, lacks a required field, has a value outside its enumeration or format, or has a field the schema does not declare. The API server rejects such an object, or silently drops the misspelt field, so the setting the author meant (a security context, a probe, a limit) never applies.',
    remediation: 'Fix the reported field: use the type and values the API reference gives, add the missing field, or correct the misspelt name.',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/', 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation'],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['schema'],
    messages: { ...VIOLATION_MESSAGES, schemaUnusable: 'Schema file "{file}" for {kind} could not be used: {reason}.' },
    options: SCHEMA_LOCATIONS_OPTION,
  },
  check(context, artifact) {
    const violations = violationsFor(artifact, context.options.schemaLocations, (reason, file) =>
      context.report({ messageId: 'schemaUnusable', at: { pointer: '/kind' }, data: { file, kind: artifact.ref.kind, reason } }),
    );
    for (const report of violationReports(artifact, violations)) context.report(report);
  },
});

/** Built-in schema first (kubeconform's `default`), then the schema folders. */
function violationsFor(artifact: KubernetesObjectArtifact, locations: readonly string[], unusable: (reason: string, file: string) => void): Violation[] {
  const { apiVersion, kind } = artifact.ref;
  const builtin = validateBuiltin(artifact.object, apiVersion, kind);
  if (builtin !== undefined) return builtin;
  const located = findLocatedSchema(locations, apiVersion, kind);
  if (located === undefined) return [];
  if (!located.schema.ok) {
    unusable(located.schema.reason, located.file);
    return [];
  }
  return violationsOf(errorsOf(located.schema.validate, artifact.object), artifact.object);
}
