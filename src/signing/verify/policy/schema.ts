const name = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** A verification policy file as written (checked further when loaded). */
export interface VerifyPolicyInput {
  readonly apiVersion: 'palisade.dev/v1alpha1';
  readonly kind: 'VerificationPolicy';
  readonly keys?: Readonly<Record<string, { readonly path?: string; readonly publicKey?: string }>>;
  readonly noMatch?: 'deny' | 'allow';
  readonly images: readonly ImagePolicyInput[];
}

export interface ImagePolicyInput {
  readonly name?: string;
  readonly glob: string | readonly string[];
  readonly signatures?: { readonly keys: readonly string[]; readonly count?: number };
  readonly attestations?: readonly AttestationPolicyInput[];
}

export interface AttestationPolicyInput {
  readonly type: string;
  readonly keys?: readonly string[];
  readonly maxAge?: string;
  readonly conditions?: readonly { readonly expression: string; readonly message?: string }[];
}

const keyNames = { type: 'array', minItems: 1, maxItems: 100, items: name } as const;

export const verifyPolicySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'images'],
  properties: {
    apiVersion: { const: 'palisade.dev/v1alpha1' },
    kind: { const: 'VerificationPolicy' },
    keys: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: { path: name, publicKey: { type: 'string', minLength: 1, maxLength: 65536 } },
      },
    },
    noMatch: { enum: ['deny', 'allow'] },
    images: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['glob'],
        properties: {
          name,
          glob: { anyOf: [name, { type: 'array', minItems: 1, maxItems: 100, items: name }] },
          signatures: {
            type: 'object',
            additionalProperties: false,
            required: ['keys'],
            properties: { keys: keyNames, count: { type: 'integer', minimum: 1 } },
          },
          attestations: {
            type: 'array',
            maxItems: 100,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['type'],
              properties: {
                type: name,
                keys: keyNames,
                maxAge: name,
                conditions: {
                  type: 'array',
                  maxItems: 100,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['expression'],
                    properties: { expression: { type: 'string', minLength: 1, maxLength: 65536 }, message: name },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
