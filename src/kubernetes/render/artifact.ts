import type { Location, ReportTarget, SourceDocument } from '../../core/index.ts';
import { locationFromRange } from '../../core/index.ts';
import { annotationSuppressions } from '../annotations.ts';
import type { JsonObject } from '../json.ts';
import type { LoadedObject } from '../load.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { identityOf, objectRefOf, rangeFor } from '../model.ts';
import { PositionMap } from '../positions.ts';

/** An object of a source file (a resource or a patch) and the file it is in. */
export interface PlacedObject {
  readonly document: SourceDocument;
  readonly object: LoadedObject;
}

/** Where a rendered object's fields come from, in the scanned tree. */
export interface RenderedOrigin {
  /** The resource file and object it was built from, when known. */
  readonly resource: PlacedObject | undefined;
  /** Patch objects applied to it, the last applied first. */
  readonly patches: readonly PlacedObject[];
  /** The file that configured it (the kustomization, the chart template), with a line when known. */
  readonly configuredIn: { readonly document: SourceDocument; readonly line: number | undefined };
  /** Whether a patch changed it (a field found nowhere else is then put on `configuredIn`). */
  readonly patched: boolean;
  /** What rendered it, e.g. `kustomize overlays/prod`: part of the identity, so each overlay's findings stay apart. */
  readonly via: string;
}

/**
 * A rendered object as an artifact: rules see the rendered object; a finding points at the patch
 * that set the field, else at the field in the resource file, else (a field a patch added through
 * a JSON patch or an inline patch) at the kustomization, else at the nearest field of the resource.
 */
export function createRenderedArtifact(rendered: JsonObject, index: number, origin: RenderedOrigin): KubernetesObjectArtifact {
  const ref = objectRefOf(rendered);
  const home = origin.resource?.document ?? origin.configuredIn.document;
  const positions = origin.resource?.object.positions ?? new PositionMap(new Map(), home.lines);
  // run-rules reads the evidence from `source` right after `locate`: it follows the file located last.
  let current = home;
  const placed = (place: PlacedObject, pointer: string): Location => {
    current = place.document;
    return { ...locationFromRange(place.document.path, rangeFor(place.object.positions.nearest(pointer))), object: ref, jsonPointer: pointer };
  };
  const locate = (target: ReportTarget): Location => {
    if ('range' in target) {
      current = home;
      return { ...locationFromRange(home.path, target.range), object: ref, ...('pointer' in target && typeof target.pointer === 'string' ? { jsonPointer: target.pointer } : {}) };
    }
    const { pointer } = target;
    const patch = origin.patches.find((candidate) => candidate.object.positions.get(pointer) !== undefined);
    if (patch !== undefined) return placed(patch, pointer);
    const { resource } = origin;
    if (resource !== undefined && (resource.object.positions.get(pointer) !== undefined || !origin.patched)) return placed(resource, pointer);
    current = origin.configuredIn.document;
    const { line } = origin.configuredIn;
    return { path: current.path, ...(line === undefined ? {} : { startLine: line, startColumn: 1 }), object: ref, jsonPointer: pointer };
  };
  return Object.freeze({
    kind: 'kubernetes-object',
    get source(): SourceDocument {
      return current;
    },
    object: rendered,
    ref,
    documentIndex: index,
    itemIndex: undefined,
    positions,
    identity: `${origin.via}:${identityOf(ref, { documentIndex: index, itemIndex: undefined })}`,
    waivers: annotationSuppressions({ object: rendered }).map((waiver) => ({ selector: waiver.selector, reason: waiver.reason, at: { pointer: waiver.pointer } })),
    locate,
  });
}
