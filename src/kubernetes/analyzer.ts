import type { FileRef } from '../core/index.ts';
import { defineAnalyzer } from '../core/index.ts';
import { loadManifests } from './load.ts';
import type { KubernetesObjectArtifact } from './model.ts';
import { createKubernetesObjectArtifact } from './model.ts';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** YAML and JSON files that are never Kubernetes manifests, whatever they contain. */
const NOT_MANIFESTS = new Set([
  'package.json',
  'package-lock.json',
  '.palisade.yaml',
  '.palisade.yml',
  'kustomization.yaml',
  'kustomization.yml',
  'Chart.yaml',
  'values.yaml',
]);

/** Kubernetes manifests: YAML (multi-document, `List` kinds) and JSON files with `apiVersion` and `kind`. */
export const kubernetesAnalyzer = defineAnalyzer<KubernetesObjectArtifact>({
  id: 'kubernetes',
  version: 1,
  produces: 'kubernetes-object',
  matches(file: FileRef, sniff: () => string): boolean {
    if (!isManifestName(file.path)) return false;
    const head = sniff();
    return head.includes('apiVersion') && head.includes('kind');
  },
  analyze(document) {
    const { objects, errors } = loadManifests(document);
    return { artifacts: objects.map((loaded) => createKubernetesObjectArtifact(document, loaded)), errors };
  },
});

function isManifestName(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  if (NOT_MANIFESTS.has(name) || segments.slice(0, -1).includes('.palisade')) return false;
  const lower = name.toLowerCase();
  return EXTENSIONS.some((extension) => lower.endsWith(extension));
}
