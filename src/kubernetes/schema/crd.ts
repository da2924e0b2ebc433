import type { JsonObject } from '../json.ts';
import { arrayAt, isJsonObject, objectAt, objectPath, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { CompiledSchema } from './compile.ts';
import { compileSchema } from './compile.ts';
import { toDraft07 } from './structural.ts';

/** One version of a custom resource kind, as a CRD in the scanned files defines it. */
export interface CustomResourceVersion {
  readonly crd: KubernetesObjectArtifact;
  /** `group/version` */
  readonly apiVersion: string;
  readonly kind: string;
  readonly served: boolean;
  /** The version's `openAPIV3Schema`, and its pointer in the CRD. */
  readonly schema: JsonObject | undefined;
  readonly schemaPointer: string;
}

/** CRD-defined kinds of a project: by `apiVersion kind`, and by `group kind` for any version. */
export interface CustomResourceIndex {
  readonly versions: ReadonlyMap<string, CustomResourceVersion>;
  /** `group kind` → the versions the CRDs define. */
  readonly kinds: ReadonlyMap<string, readonly string[]>;
}

const CRD_API_VERSIONS = new Set(['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1']);

export function isCustomResourceDefinition(artifact: KubernetesObjectArtifact): boolean {
  return artifact.ref.kind === 'CustomResourceDefinition' && CRD_API_VERSIONS.has(artifact.ref.apiVersion);
}

/** Every version of every CRD among the artifacts (apiextensions.k8s.io v1, and v1beta1's top-level schema). */
export function indexCustomResources(artifacts: readonly KubernetesObjectArtifact[]): CustomResourceIndex {
  const versions = new Map<string, CustomResourceVersion>();
  const kinds = new Map<string, string[]>();
  for (const crd of artifacts.filter(isCustomResourceDefinition)) {
    const spec = objectAt(crd.object, 'spec') ?? {};
    const group = stringAt(spec, 'group');
    const kind = stringAt(objectAt(spec, 'names') ?? {}, 'kind');
    if (group === undefined || kind === undefined) continue;
    for (const version of versionsOf(crd, spec)) {
      const apiVersion = `${group}/${version.name}`;
      if (versions.has(`${apiVersion} ${kind}`)) continue;
      versions.set(`${apiVersion} ${kind}`, { crd, apiVersion, kind, served: version.served, schema: version.schema, schemaPointer: version.pointer });
      kinds.set(`${group} ${kind}`, [...(kinds.get(`${group} ${kind}`) ?? []), version.name]);
    }
  }
  return { versions, kinds };
}

interface VersionEntry {
  readonly name: string;
  readonly served: boolean;
  readonly schema: JsonObject | undefined;
  readonly pointer: string;
}

function versionsOf(crd: KubernetesObjectArtifact, spec: JsonObject): VersionEntry[] {
  const shared = objectPath(spec, ['validation', 'openAPIV3Schema']);
  const entries: VersionEntry[] = [];
  arrayAt(spec, 'versions').forEach((version, index) => {
    if (!isJsonObject(version)) return;
    const name = stringAt(version, 'name');
    if (name === undefined) return;
    const own = objectPath(version, ['schema', 'openAPIV3Schema']);
    const pointer = own === undefined ? '/spec/validation/openAPIV3Schema' : `/spec/versions/${index}/schema/openAPIV3Schema`;
    entries.push({ name, served: version['served'] !== false, schema: own ?? shared, pointer });
  });
  const single = stringAt(spec, 'version');
  if (entries.length === 0 && single !== undefined && crd.ref.apiVersion.endsWith('v1beta1')) {
    entries.push({ name: single, served: true, schema: shared, pointer: '/spec/validation/openAPIV3Schema' });
  }
  return entries;
}

/** Compiled once per schema object (a CRD version), for as long as the scan keeps the object. */
const compiled = new WeakMap<JsonObject, CompiledSchema>();

export function compiledSchemaOf(version: CustomResourceVersion): CompiledSchema | undefined {
  const { schema } = version;
  if (schema === undefined) return undefined;
  let result = compiled.get(schema);
  if (result === undefined) {
    result = compileSchema(toDraft07(schema));
    compiled.set(schema, result);
  }
  return result;
}
