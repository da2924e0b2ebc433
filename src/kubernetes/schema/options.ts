import { DEPRECATIONS_KUBERNETES_RELEASE, KUBERNETES_VERSION_PATTERN } from './deprecations.ts';
import { SCHEMA_LOCATION_PATTERN } from './locations.ts';

/** `schemaLocations`, shared by the rules of the `schema` pack (set it once under `ruleOptions: { schema: … }`). */
export interface SchemaLocationOptions {
  readonly schemaLocations: readonly string[];
}

export const SCHEMA_LOCATIONS_OPTION = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      schemaLocations: {
        type: 'array',
        description: 'Local folders or `.json` path templates with JSON schemas in kubeconform naming (`{kind}-{group}-{version}.json`); no URLs.',
        items: { type: 'string', minLength: 1, pattern: SCHEMA_LOCATION_PATTERN },
      },
    },
  },
  defaults: { schemaLocations: [] },
} as const satisfies { readonly schema: unknown; readonly defaults: SchemaLocationOptions };

export interface KubernetesVersionOptions {
  readonly kubernetesVersion: string;
}

export const KUBERNETES_VERSION_OPTION = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      kubernetesVersion: { type: 'string', description: 'Target Kubernetes release (`1.N`, `v1.N` or `1.N.P`).', pattern: KUBERNETES_VERSION_PATTERN },
    },
  },
  defaults: { kubernetesVersion: DEPRECATIONS_KUBERNETES_RELEASE },
} as const satisfies { readonly schema: unknown; readonly defaults: KubernetesVersionOptions };
