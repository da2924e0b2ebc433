import type { Artifact, FileRef, ScanError } from '../../core/index.ts';
import { findCharts, isChartTemplate, renderChart } from './helm.ts';
import { closure, findKustomizations, topLevel } from './kustomize.ts';
import { renderKustomization } from './render-kustomize.ts';
import { SourceCache } from './sources.ts';
import { DEFAULT_RENDER_TIMEOUT_MS, findOnPath } from './tools.ts';

export { KUSTOMIZATION_NAMES } from './kustomize.ts';
export { DEFAULT_RENDER_TIMEOUT_MS, findOnPath } from './tools.ts';

export interface ManifestRenderOptions {
  /** `--values` files for every Helm chart, relative to the current directory. */
  readonly helmValues?: readonly string[];
  readonly timeoutMs?: number;
  /** The PATH the renderers are looked up on (tests); the process's by default. */
  readonly path?: string;
}

export interface ManifestRendering {
  /** Files the renderings cover (read through them, not one by one). */
  readonly covered: ReadonlySet<string>;
  readonly artifacts: readonly Artifact[];
  readonly errors: readonly ScanError[];
  readonly notices: readonly string[];
}

/**
 * Kustomizations (rendered with `kubectl kustomize`) and Helm charts (`helm template`) of a tree.
 * Without kubectl, kustomizations are scanned as plain files, with a notice; without helm, a
 * chart's templates are skipped (Go templates are not YAML), with a notice. A renderer that fails
 * is an error naming the directory; the rest of the scan goes on.
 */
export function renderManifestDirectories(root: string, files: readonly FileRef[], options: ManifestRenderOptions = {}): ManifestRendering {
  const covered = new Set<string>();
  const artifacts: Artifact[] = [];
  const errors: ScanError[] = [];
  const notices: string[] = [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const path = options.path ?? process.env['PATH'];
  const kustomizations = findKustomizations(root, files);
  const roots = topLevel(kustomizations);
  if (roots.length > 0) {
    const kubectl = findOnPath('kubectl', path);
    if (kubectl === undefined) {
      notices.push(`kubectl not found: ${plural(roots.length, 'kustomization')} (${roots.map((entry) => entry.dir || '.').join(', ')}) scanned as plain files, not as rendered; install kubectl (Debian package kubernetes-client) to scan what they render.`);
    } else {
      const sources = new SourceCache(root);
      for (const target of roots) {
        const remote = closure(target, kustomizations).flatMap((kustomization) => kustomization.remote);
        if (remote.length > 0) {
          notices.push(`kustomization ${target.dir || '.'} uses remote resources (${remote[0] ?? ''}${remote.length > 1 ? ', …' : ''}), which Palisade does not fetch: its files were scanned as plain files, not as rendered.`);
          continue;
        }
        const run = renderKustomization(kubectl, root, target, kustomizations, sources, timeoutMs);
        artifacts.push(...run.artifacts);
        errors.push(...run.errors);
        for (const file of run.covered) covered.add(file);
      }
    }
  }
  const charts = findCharts(files);
  if (charts.length > 0) {
    for (const file of files) if (charts.some((chart) => isChartTemplate(chart, file.path))) covered.add(file.path);
    const helm = findOnPath('helm', path);
    for (const chart of charts) {
      if (helm === undefined) {
        notices.push(`helm not found: chart ${chart || '.'} cannot be rendered, and its templates are Go templates, not YAML, so they were not scanned; install helm to scan it.`);
        continue;
      }
      const run = renderChart(helm, root, chart, options.helmValues ?? [], timeoutMs);
      artifacts.push(...run.artifacts);
      errors.push(...run.errors);
    }
  }
  return { covered, artifacts, errors, notices };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
