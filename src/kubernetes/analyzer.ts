import type { Analyzer, FileRef } from '../core/index.ts';
import { defineAnalyzer } from '../core/index.ts';
import { loadManifests } from './load.ts';
import type { KubernetesObjectArtifact } from './model.ts';
import { createKubernetesObjectArtifact } from './model.ts';
import type { ManifestRenderOptions } from './render/index.ts';
import { renderManifestDirectories } from './render/index.ts';

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
/**
 * `renderDirectories` (called by the scan before files are read one by one, for directory
 * targets): Kustomize overlays and Helm charts are rendered, and the files they cover are then
 * not read on their own.
 */
const analyzer: Analyzer<KubernetesObjectArtifact> & { renderDirectories: typeof renderManifestDirectories } = {
  id: 'kubernetes',
  version: 1,
  produces: 'kubernetes-object',
  matches(file: FileRef, sniff: () => string): boolean {
    if (!isManifestName(file.path)) return false;
    const head = sniff();
    if (head.includes('apiVersion') && head.includes('kind')) return true;
    // UTF-16 (read as UTF-8, every other character is NUL): matched, so that the loader reports it.
    const narrow = head.includes('\0') ? head.replaceAll('\0', '') : '';
    return narrow.includes('apiVersion') && narrow.includes('kind');
  },
  analyze(document) {
    const { objects, errors } = loadManifests(document);
    return { artifacts: objects.map((loaded) => createKubernetesObjectArtifact(document, loaded)), errors };
  },
  renderDirectories(root: string, files: readonly FileRef[], options?: ManifestRenderOptions) {
    return renderManifestDirectories(root, files, options);
  },
};

export const kubernetesAnalyzer = defineAnalyzer<KubernetesObjectArtifact>(analyzer);

function isManifestName(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  if (NOT_MANIFESTS.has(name) || segments.slice(0, -1).includes('.palisade')) return false;
  const lower = name.toLowerCase();
  return EXTENSIONS.some((extension) => lower.endsWith(extension));
}
