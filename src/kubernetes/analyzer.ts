import type { Analyzer, FileRef } from '../core/index.ts';
import { defineAnalyzer } from '../core/index.ts';
import { loadManifests } from './load.ts';
import { isManifestFile } from './matcher.ts';
import type { KubernetesObjectArtifact } from './model.ts';
import { createKubernetesObjectArtifact } from './model.ts';
import type { ManifestRenderOptions } from './render/index.ts';
import { renderManifestDirectories } from './render/index.ts';

/**
 * `renderDirectories` (called by the scan before files are read one by one, for directory
 * targets): Kustomize overlays and Helm charts are rendered, and the files they cover are then
 * not read on their own.
 */
const analyzer: Analyzer<KubernetesObjectArtifact> & { renderDirectories: typeof renderManifestDirectories } = {
  id: 'kubernetes',
  version: 1,
  produces: 'kubernetes-object',
  matches: isManifestFile,
  analyze(document) {
    const { objects, errors } = loadManifests(document);
    return { artifacts: objects.map((loaded) => createKubernetesObjectArtifact(document, loaded)), errors };
  },
  renderDirectories(root: string, files: readonly FileRef[], options?: ManifestRenderOptions) {
    return renderManifestDirectories(root, files, options);
  },
};

export const kubernetesAnalyzer = defineAnalyzer<KubernetesObjectArtifact>(analyzer);
