import type { Analyzer, FileRef, SourceDocument } from '../../core/index.ts';
import { defineAnalyzer } from '../../core/analyzer.ts';
import type { PackageInventoryArtifact, ParsedInventory } from '../model.ts';

export interface InventoryAnalyzerSpec {
  readonly id: string;
  readonly version: number;
  readonly matches: (file: FileRef, sniff: () => string) => boolean;
  readonly parse: (document: SourceDocument) => ParsedInventory;
}

/** The common shape of every package analyzer: a parser producing at most one inventory. */
export function defineInventoryAnalyzer(spec: InventoryAnalyzerSpec): Analyzer<PackageInventoryArtifact> {
  return defineAnalyzer<PackageInventoryArtifact>({
    id: spec.id,
    version: spec.version,
    produces: 'package-inventory',
    matches: spec.matches,
    analyze(document) {
      const { artifact, errors } = spec.parse(document);
      return { artifacts: artifact === undefined ? [] : [artifact], errors };
    },
  });
}
