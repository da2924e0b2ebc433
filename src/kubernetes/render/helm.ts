import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import type { FileRef, ScanError } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { decodeText } from '../../core/fs.ts';
import { loadManifests } from '../load.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { createRenderedArtifact } from './artifact.ts';
import { runTool } from './tools.ts';

/** A Helm chart of the tree: the directory holding `Chart.yaml`, relative to the scan root. */
export function findCharts(files: readonly FileRef[]): string[] {
  return files.filter((file) => posix.basename(file.path) === 'Chart.yaml').map((file) => (posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path)));
}

/** Go templates of a chart (and of its subcharts): never read as YAML. */
export function isChartTemplate(chart: string, path: string): boolean {
  const inside = chart === '' ? path : path.startsWith(`${chart}/`) ? path.slice(chart.length + 1) : undefined;
  return inside !== undefined && (inside.startsWith('templates/') || inside.includes('/templates/'));
}

export interface HelmRun {
  readonly artifacts: KubernetesObjectArtifact[];
  readonly errors: ScanError[];
}

/**
 * `helm template` of one chart with its own values and the `--values` files given; each rendered
 * document is mapped to the template named by the `# Source:` comment helm writes before it.
 */
export function renderChart(helm: string, root: string, chart: string, valuesFiles: readonly string[], timeoutMs: number): HelmRun {
  const run: HelmRun = { artifacts: [], errors: [] };
  const label = chart === '' ? '.' : chart;
  const args = ['template', 'palisade', join(root, chart), ...valuesFiles.flatMap((file) => ['--values', resolve(file)])];
  const output = runTool(helm, args, { cwd: root, timeoutMs });
  if (!output.ok) {
    run.errors.push({ path: chart === '' ? 'Chart.yaml' : `${chart}/Chart.yaml`, code: 'PARSE_FAILED', message: `helm template ${label} failed: ${output.reason}; its templates were not scanned` });
    return run;
  }
  let index = 0;
  for (const chunk of output.stdout.split(/^---[ \t]*$/m)) {
    const source = /^# Source: [^/\n]+\/(.+)$/m.exec(chunk)?.[1];
    const template = source === undefined ? (chart === '' ? 'Chart.yaml' : `${chart}/Chart.yaml`) : chart === '' ? source : `${chart}/${source}`;
    const loaded = loadManifests(createSourceDocument(template, chunk));
    const document = createSourceDocument(template, readText(join(root, ...template.split('/'))));
    for (const object of loaded.objects) {
      run.artifacts.push(createRenderedArtifact(object.object, index, { resource: undefined, patches: [], configuredIn: { document, line: undefined }, patched: false, via: `helm ${label}` }));
      index += 1;
    }
    run.errors.push(...loaded.errors.map((error) => ({ ...error, path: template, message: `helm template ${label} output: ${error.message}` })));
  }
  return run;
}

function readText(path: string): string {
  try {
    return decodeText(readFileSync(path));
  } catch {
    return '';
  }
}
