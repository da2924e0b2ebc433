// The files the Kubernetes analyzer reads or renders, decided by name and a short content sniff.
// Kept apart from analyzer.ts (which loads the YAML loader, the schemas and the renderers) so a scan
// can tell whether a tree holds any manifest before it loads the area.
import type { FileRef } from '../core/index.ts';

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

/** Files that make the analyzer render their directory (Kustomize overlays, Helm charts). */
export const RENDERED_DIRECTORY_FILES: ReadonlySet<string> = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Chart.yaml']);

/** Kubernetes manifests: YAML (multi-document, `List` kinds) and JSON files with `apiVersion` and `kind`. */
export function isManifestFile(file: FileRef, sniff: () => string): boolean {
  if (!isManifestName(file.path)) return false;
  const head = sniff();
  if (head.includes('apiVersion') && head.includes('kind')) return true;
  // UTF-16 (read as UTF-8, every other character is NUL): matched, so that the loader reports it.
  const narrow = head.includes('\0') ? head.replaceAll('\0', '') : '';
  return narrow.includes('apiVersion') && narrow.includes('kind');
}

/** Whether the Kubernetes area has work in a tree holding this file: a manifest, or a directory to render. */
export function matchesKubernetesArea(file: FileRef, sniff: () => string): boolean {
  return RENDERED_DIRECTORY_FILES.has(file.path.slice(file.path.lastIndexOf('/') + 1)) || isManifestFile(file, sniff);
}

function isManifestName(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  if (NOT_MANIFESTS.has(name) || segments.slice(0, -1).includes('.palisade')) return false;
  const lower = name.toLowerCase();
  return EXTENSIONS.some((extension) => lower.endsWith(extension));
}
