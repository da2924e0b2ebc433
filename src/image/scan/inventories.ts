import type { Analyzer, Artifact, FileRef, ScanError } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { decodeText } from '../../core/fs.ts';
import type { Distribution, PackageInventoryArtifact } from '../../packages/index.ts';
import { RPM_DATABASE_PATHS, parseOsRelease, parseRpmDatabase } from '../../packages/index.ts';
import type { FinalView } from '../fs/index.ts';
import type { LayerAnalysis } from './analyse-layer.ts';

/** os-release of the final filesystem: `etc/os-release` (often a symlink), else `usr/lib/os-release`. */
export function findDistribution(view: FinalView, analyses: readonly LayerAnalysis[]): Distribution | undefined {
  for (const candidate of ['etc/os-release', 'usr/lib/os-release']) {
    const real = view.resolve(candidate);
    const layer = real === undefined ? undefined : view.lookup(real)?.layer;
    const bytes = real === undefined || layer === undefined ? undefined : analyses[layer]?.files.get(real);
    if (bytes !== undefined) return parseOsRelease(decodeText(bytes));
  }
  return undefined;
}

export interface InventoryOutput {
  readonly artifacts: PackageInventoryArtifact[];
  readonly errors: ScanError[];
}

function isInventory(artifact: Artifact): artifact is PackageInventoryArtifact {
  return artifact.kind === 'package-inventory';
}

/** The inventories of the wanted files the final filesystem shows (files deleted or replaced later are not installed). */
export function finalInventories(analyses: readonly LayerAnalysis[], view: FinalView, analyzers: readonly Analyzer[], locate: (layer: number, path: string) => string): InventoryOutput {
  const output: InventoryOutput = { artifacts: [], errors: [] };
  for (const [index, analysis] of analyses.entries()) {
    for (const [path, bytes] of analysis.files) {
      if (view.lookup(path)?.layer !== index) continue;
      const display = locate(index, path);
      if (RPM_DATABASE_PATHS.has(path)) {
        const parsed = parseRpmDatabase(display, bytes);
        if (parsed.ok) output.artifacts.push(parsed.value.artifact);
        output.errors.push(...(parsed.ok ? parsed.value.errors : [parsed.error]));
        continue;
      }
      analyzeFile({ path, size: bytes.length }, display, bytes, analyzers, output);
    }
  }
  output.artifacts.sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
  return output;
}

function analyzeFile(file: FileRef, display: string, bytes: Uint8Array, analyzers: readonly Analyzer[], output: InventoryOutput): void {
  const sniff = (): string => Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  const matching = analyzers.filter((analyzer) => analyzer.matches(file, sniff));
  if (matching.length === 0) return;
  const document = createSourceDocument(display, decodeText(bytes));
  for (const analyzer of matching) {
    try {
      const result = analyzer.analyze(document);
      output.artifacts.push(...result.artifacts.filter(isInventory));
      output.errors.push(...result.errors);
    } catch (error) {
      output.errors.push({ path: display, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
