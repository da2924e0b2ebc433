import type { Artifact, KubernetesObjectRef, Location, ReportTarget, SourceDocument, SourceRange } from '../core/index.ts';
import { locationFromRange } from '../core/index.ts';
import type { JsonObject } from './json.ts';
import { objectAt, stringAt } from './json.ts';
import { annotationSuppressions } from './annotations.ts';
import type { LoadedObject } from './load.ts';
import type { NearestNode, PositionMap } from './positions.ts';

/** One Kubernetes object of a manifest file (a `List` item counts as one object). */
export interface KubernetesObjectArtifact extends Artifact {
  readonly kind: 'kubernetes-object';
  /** The decoded object, as the API server would see it. */
  readonly object: JsonObject;
  readonly ref: KubernetesObjectRef;
  /** 0-based index of the YAML document that holds the object. */
  readonly documentIndex: number;
  /** 0-based index in the `items` of a `List` document. */
  readonly itemIndex: number | undefined;
  /** Field positions, keyed by JSON pointers relative to the object. */
  readonly positions: PositionMap;
}

/** Artifacts whose object is what `loadManifests(artifact.source)` reads at their document and item index. */
const readFromSource = new WeakSet<KubernetesObjectArtifact>();

/**
 * True when loading the artifact's source again gives its object (at `documentIndex`, `itemIndex`):
 * an artifact made by `createKubernetesObjectArtifact` from what the loader read (or would read, as
 * admission's direct artifacts); a rendered object (Helm, Kustomize) names a file it was not read from.
 */
export function isReadFromSource(artifact: KubernetesObjectArtifact): boolean {
  return readFromSource.has(artifact);
}

export function createKubernetesObjectArtifact(source: SourceDocument, loaded: LoadedObject): KubernetesObjectArtifact {
  const ref = objectRefOf(loaded.object);
  const { positions } = loaded;
  const artifact: KubernetesObjectArtifact = Object.freeze({
    kind: 'kubernetes-object',
    source,
    object: loaded.object,
    ref,
    documentIndex: loaded.documentIndex,
    itemIndex: loaded.itemIndex,
    positions,
    identity: identityOf(ref, loaded),
    waivers: annotationSuppressions(loaded).map((waiver) => ({ selector: waiver.selector, reason: waiver.reason, at: { pointer: waiver.pointer } })),
    locate(target: ReportTarget): Location {
      // A range may come with the pointer it stands for (a field's key rather than its value): keep both.
      if ('range' in target) return { ...locationFromRange(source.path, target.range), object: ref, ...('pointer' in target && typeof target.pointer === 'string' ? { jsonPointer: target.pointer } : {}) };
      return { ...locationFromRange(source.path, rangeFor(positions.nearest(target.pointer))), object: ref, jsonPointer: target.pointer };
    },
  });
  readFromSource.add(artifact);
  return artifact;
}

/**
 * apiVersion, kind, namespace and name of an object; `metadata.generateName` stands in for a
 * missing name. The caller has checked that `apiVersion` and `kind` are strings.
 */
export function objectRefOf(object: JsonObject): KubernetesObjectRef {
  const metadata = objectAt(object, 'metadata') ?? {};
  const namespace = stringAt(metadata, 'namespace');
  const name = stringAt(metadata, 'name') ?? stringAt(metadata, 'generateName');
  return {
    apiVersion: stringAt(object, 'apiVersion') ?? '',
    kind: stringAt(object, 'kind') ?? '',
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  };
}

/** `apiVersion/kind/namespace/name`; without a name, the document (and List item) index tells objects apart. */
export function identityOf(ref: KubernetesObjectRef, loaded: Pick<LoadedObject, 'documentIndex' | 'itemIndex'>): string {
  const base = `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name ?? ''}`;
  if (ref.name !== undefined) return base;
  return loaded.itemIndex === undefined ? `${base}#${loaded.documentIndex}` : `${base}#${loaded.documentIndex}.${loaded.itemIndex}`;
}

/**
 * The range to show for a pointer. The node itself: its value (its key when the value is empty,
 * as in `key:`). A missing node (a rule reporting an absent field): its nearest existing
 * ancestor, by that ancestor's key when it has one (`securityContext`, one line) and otherwise
 * by its value (a list item).
 */
export function rangeFor(found: NearestNode | undefined): SourceRange | undefined {
  if (found === undefined) return undefined;
  const { value, key } = found.ranges;
  if (key === undefined) return value;
  if (!found.exact || isEmpty(value)) return key;
  return value;
}

function isEmpty(range: SourceRange): boolean {
  return range.start.line === range.end.line && range.start.column === range.end.column;
}
