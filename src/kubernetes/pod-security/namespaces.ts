import type { JsonObject } from '../json.ts';
import { objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';

/** The labels of every `v1` Namespace in the scanned tree, by name; a name declared twice keeps its last declaration. */
export function namespaceLabels(artifacts: readonly KubernetesObjectArtifact[]): ReadonlyMap<string, JsonObject> {
  const labels = new Map<string, JsonObject>();
  for (const { object, ref } of artifacts) {
    if (ref.kind !== 'Namespace' || ref.apiVersion !== 'v1') continue;
    const metadata = objectAt(object, 'metadata') ?? {};
    const name = stringAt(metadata, 'name');
    if (name !== undefined) labels.set(name, objectAt(metadata, 'labels') ?? {});
  }
  return labels;
}
