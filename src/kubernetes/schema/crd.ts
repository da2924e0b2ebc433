import type { SourceDocument } from '../../core/index.ts';
import { nullThrows, recentMemo } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import { arrayAt, isJsonObject, objectAt, objectPath, stringAt } from '../json.ts';
import { loadManifests } from '../load.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { isReadFromSource } from '../model.ts';
import { isBuiltinKind } from './builtin.ts';
import type { CompiledSchema } from './compile.ts';
import { compileSchema } from './compile.ts';
import { toDraft07 } from './structural.ts';

/** One version of a custom resource kind, as a CRD in the scanned files defines it. */
export interface CustomResourceVersion {
  /** `group/version` */
  readonly apiVersion: string;
  readonly kind: string;
  readonly served: boolean;
  /** The version's `openAPIV3Schema` (the same object at every call), and its pointer in the CRD. */
  schema(): JsonObject | undefined;
  readonly schemaPointer: string;
}

/** CRD-defined kinds of a project: by `apiVersion kind`, and by `group kind` for any version. */
export interface CustomResourceIndex {
  readonly versions: ReadonlyMap<string, CustomResourceVersion>;
  /** `group kind` → the versions the CRDs define. */
  readonly kinds: ReadonlyMap<string, readonly string[]>;
}

/**
 * What the schema rules keep of a CRD until the end of a scan: its group, kind and versions. Its
 * schemas (nearly all of a CRD, and most CRDs of a tree define kinds the tree has no object of) are
 * read again from its file when a custom resource needs one, instead of keeping every CRD whole
 * (a rendered CRD keeps its spec: see `isReadFromSource`).
 */
export interface CustomResourceDefinitionFact {
  readonly kind: 'custom-resource-definition';
  readonly group: string | undefined;
  readonly resourceKind: string | undefined;
  readonly versions: readonly CustomResourceVersionEntry[];
  /** The CRD's `spec` as its file reads again (once, then kept). */
  spec(): JsonObject;
}

interface CustomResourceVersionEntry {
  readonly name: string;
  readonly served: boolean;
  /** Index in `spec.versions` of the version's own schema; undefined for the shared `spec.validation` one. */
  readonly ownSchema: number | undefined;
  readonly pointer: string;
}

/** What the schema rules keep of an artifact: a CRD's fact, an object of a kind that is not built in, or nothing. */
export type SchemaFact = CustomResourceDefinitionFact | KubernetesObjectArtifact;

const CRD_API_VERSIONS = new Set(['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1']);

export function isCustomResourceDefinition(artifact: KubernetesObjectArtifact): boolean {
  return artifact.ref.kind === 'CustomResourceDefinition' && CRD_API_VERSIONS.has(artifact.ref.apiVersion);
}

/** One fact per artifact, shared by the two schema rules (each takes the same artifacts in turn). */
export const schemaFactOf = recentMemo(2, (artifact: KubernetesObjectArtifact): SchemaFact | undefined => {
  if (isCustomResourceDefinition(artifact)) return definitionFact(artifact);
  return isBuiltinKind(artifact.ref.apiVersion, artifact.ref.kind) ? undefined : artifact;
});

function definitionFact(crd: KubernetesObjectArtifact): CustomResourceDefinitionFact {
  const spec = objectAt(crd.object, 'spec') ?? {};
  return {
    kind: 'custom-resource-definition',
    group: stringAt(spec, 'group'),
    resourceKind: stringAt(objectAt(spec, 'names') ?? {}, 'kind'),
    versions: versionsOf(crd, spec),
    // A rendered CRD (Helm, Kustomize) cannot be read again from the file it names: its spec is kept.
    spec: isReadFromSource(crd) ? rereading(crd.source, crd.documentIndex, crd.itemIndex) : () => spec,
  };
}

function rereading(source: SourceDocument, documentIndex: number, itemIndex: number | undefined): () => JsonObject {
  let reread: JsonObject | undefined;
  return () => {
    reread ??= rereadSpec(source, documentIndex, itemIndex);
    return reread;
  };
}

/** The `spec` of the object at these indexes of the file, loaded again (the loader reads a text the same way every time). */
function rereadSpec(source: SourceDocument, documentIndex: number, itemIndex: number | undefined): JsonObject {
  const loaded = loadManifests(source).objects.find((object) => object.documentIndex === documentIndex && object.itemIndex === itemIndex);
  return objectAt(nullThrows(loaded, `CustomResourceDefinition of ${source.path} not found again`).object, 'spec') ?? {};
}

/** Every version of every CRD among the facts or artifacts (apiextensions.k8s.io v1, and v1beta1's top-level schema). */
export function indexCustomResources(facts: readonly SchemaFact[]): CustomResourceIndex {
  const versions = new Map<string, CustomResourceVersion>();
  const kinds = new Map<string, string[]>();
  for (const fact of facts) {
    // A CRD may also come as its artifact (a caller holding artifacts, not the rules' facts).
    const crd = fact.kind === 'custom-resource-definition' ? fact : isCustomResourceDefinition(fact) ? definitionFact(fact) : undefined;
    if (crd === undefined) continue;
    const { group, resourceKind: kind } = crd;
    if (group === undefined || kind === undefined) continue;
    for (const version of crd.versions) {
      const apiVersion = `${group}/${version.name}`;
      if (versions.has(`${apiVersion} ${kind}`)) continue;
      versions.set(`${apiVersion} ${kind}`, { apiVersion, kind, served: version.served, schema: () => schemaIn(crd.spec(), version.ownSchema), schemaPointer: version.pointer });
      kinds.set(`${group} ${kind}`, [...(kinds.get(`${group} ${kind}`) ?? []), version.name]);
    }
  }
  return { versions, kinds };
}

function schemaIn(spec: JsonObject, ownSchema: number | undefined): JsonObject | undefined {
  if (ownSchema === undefined) return objectPath(spec, ['validation', 'openAPIV3Schema']);
  const version = arrayAt(spec, 'versions')[ownSchema];
  return isJsonObject(version) ? objectPath(version, ['schema', 'openAPIV3Schema']) : undefined;
}

function versionsOf(crd: KubernetesObjectArtifact, spec: JsonObject): CustomResourceVersionEntry[] {
  const shared = objectPath(spec, ['validation', 'openAPIV3Schema']);
  const entries: CustomResourceVersionEntry[] = [];
  arrayAt(spec, 'versions').forEach((version, index) => {
    if (!isJsonObject(version)) return;
    const name = stringAt(version, 'name');
    if (name === undefined) return;
    const own = objectPath(version, ['schema', 'openAPIV3Schema']);
    const pointer = own === undefined ? '/spec/validation/openAPIV3Schema' : `/spec/versions/${index}/schema/openAPIV3Schema`;
    entries.push({ name, served: version['served'] !== false, ownSchema: own === undefined ? undefined : index, pointer });
  });
  const single = stringAt(spec, 'version');
  if (entries.length === 0 && single !== undefined && crd.ref.apiVersion.endsWith('v1beta1')) {
    entries.push({ name: single, served: true, ownSchema: undefined, pointer: '/spec/validation/openAPIV3Schema' });
  }
  return entries;
}

/** Compiled once per schema object (a CRD version), for as long as the scan keeps the object. */
const compiled = new WeakMap<JsonObject, CompiledSchema>();

export function compiledSchemaOf(version: CustomResourceVersion): CompiledSchema | undefined {
  const schema = version.schema();
  if (schema === undefined) return undefined;
  let result = compiled.get(schema);
  if (result === undefined) {
    result = compileSchema(toDraft07(schema));
    compiled.set(schema, result);
  }
  return result;
}
