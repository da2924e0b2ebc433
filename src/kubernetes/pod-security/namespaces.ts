import type { JsonObject } from '../json.ts';
import { objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';

/** The labels of every `v1` Namespace in the scanned tree, by name; a name declared twice keeps its last declaration. */
export function namespaceLabels(artifacts: readonly KubernetesObjectArtifact[]): ReadonlyMap<string, JsonObject> {
  const labels = new Map<string, JsonObject>();
  for (const artifact of artifacts) {
    const declared = declaredNamespace(artifact);
    if (declared !== undefined) labels.set(declared.name, declared.labels);
  }
  return labels;
}

/** A namespace a `v1` Namespace object declares: its name and labels; undefined for any other object. */
export function declaredNamespace({ object, ref }: KubernetesObjectArtifact): { readonly name: string; readonly labels: JsonObject } | undefined {
  if (ref.kind !== 'Namespace' || ref.apiVersion !== 'v1') return undefined;
  const metadata = objectAt(object, 'metadata') ?? {};
  const name = stringAt(metadata, 'name');
  return name === undefined ? undefined : { name, labels: objectAt(metadata, 'labels') ?? {} };
}
