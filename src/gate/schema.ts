import type { KubernetesObjectRef } from '../core/index.ts';

const nonEmptyString = { type: 'string', minLength: 1 } as const;

/** One entry of `.palisade/exceptions.yaml`, as written (checked further when loaded). */
export interface ExceptionEntryInput {
  readonly rule?: string;
  readonly vulnerability?: string;
  readonly paths?: readonly string[];
  readonly object?: Partial<KubernetesObjectRef>;
  readonly package?: string;
  readonly reason: string;
  readonly owner: string;
  readonly ticket?: string;
  readonly expires: string;
}

/** JSON Schema of one exception entry (exactly one of `rule` and `vulnerability` is checked in code). */
export const exceptionEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'owner', 'expires'],
  properties: {
    rule: { ...nonEmptyString, description: 'Rule id, slug or `tool:id` alias of the findings to waive.' },
    vulnerability: { ...nonEmptyString, description: 'Vulnerability id or alias (CVE-…, GHSA-…) of the findings to waive.' },
    paths: { type: 'array', minItems: 1, items: nonEmptyString, description: 'Globs relative to the scan root; any one must match.' },
    object: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { apiVersion: nonEmptyString, kind: nonEmptyString, namespace: nonEmptyString, name: nonEmptyString },
      description: 'Kubernetes object; each given field must equal the finding’s.',
    },
    package: { ...nonEmptyString, description: 'Package name or purl.' },
    reason: { ...nonEmptyString, description: 'Why the finding is accepted.' },
    owner: { ...nonEmptyString, description: 'Who answers for the exception (team or e-mail).' },
    ticket: { ...nonEmptyString, description: 'Tracking ticket.' },
    expires: { ...nonEmptyString, description: 'Last day (UTC) the exception is valid, as YYYY-MM-DD.' },
  },
} as const;

/** JSON Schema of the whole exceptions file (for docs and editors). */
export const exceptionsFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Palisade exceptions (.palisade/exceptions.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['exceptions'],
  properties: { exceptions: { type: 'array', items: exceptionEntrySchema } },
} as const;

/** The file's envelope only: entries are validated one by one so each error names its entry. */
export const exceptionsEnvelopeSchema = {
  ...exceptionsFileSchema,
  properties: { exceptions: { type: 'array' } },
} as const;

export interface ExceptionsEnvelope {
  readonly exceptions: readonly unknown[];
}

/** The JSON a baseline file holds (only `fingerprints` is read back; `findings` is for reviewers). */
export interface BaselineFile {
  readonly schemaVersion: number;
  readonly tool?: string;
  readonly createdAt?: string;
  readonly fingerprints: readonly string[];
}

export const baselineSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Palisade baseline',
  type: 'object',
  required: ['schemaVersion', 'fingerprints'],
  properties: {
    schemaVersion: { type: 'integer' },
    tool: { type: 'string' },
    createdAt: { type: 'string' },
    fingerprints: { type: 'array', items: nonEmptyString },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { fingerprint: { type: 'string' }, ruleId: { type: 'string' }, path: { type: 'string' } },
      },
    },
  },
} as const;
