/**
 * The catalogue (catalog.ts) area by area, each area loaded only when asked for: a scan of a
 * directory does not load the image area (its analyzer matches no file of a directory, and its rules
 * read image configs only), which with its registry client, layer readers and archive formats is
 * about a seventh of a small scan's start-up. catalog.ts keeps the eager lists for everything that
 * needs every rule (`palisade rules`, the docs, compliance); lazy-catalog.test.ts checks that the two
 * list the same analyzers and rules in the same order.
 */
import type { Analyzer, ArtifactKind, Rule, RuleMeta } from './core/index.ts';
import { gateRuleMetas } from './gate/index.ts';

export interface AreaContents {
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
}

/** An area whose analyzers produce, and whose rules read, artifacts of `kinds`. */
export interface CatalogArea {
  readonly name: string;
  readonly kinds: readonly ArtifactKind[];
  load(): Promise<AreaContents>;
}

async function dockerfileArea(): Promise<AreaContents> {
  const { dockerfileAnalyzer, dockerfileRules } = await import('./dockerfile/index.ts');
  return { analyzers: [dockerfileAnalyzer], rules: dockerfileRules };
}

async function kubernetesArea(): Promise<AreaContents> {
  const { kubernetesAnalyzer, kubernetesRules } = await import('./kubernetes/index.ts');
  return { analyzers: [kubernetesAnalyzer], rules: kubernetesRules };
}

async function packagesArea(): Promise<AreaContents> {
  const { packageAnalyzers } = await import('./packages/index.ts');
  return { analyzers: packageAnalyzers, rules: [] };
}

async function secretsArea(): Promise<AreaContents> {
  const { secretRules, textAnalyzer } = await import('./secrets/index.ts');
  return { analyzers: [textAnalyzer], rules: secretRules };
}

async function imageArea(): Promise<AreaContents> {
  const { imageConfigAnalyzer, imageRules } = await import('./image/index.ts');
  return { analyzers: [imageConfigAnalyzer], rules: imageRules };
}

/** In the order of catalog.ts's `analyzers`. */
export const CATALOG_AREAS: readonly CatalogArea[] = Object.freeze([
  { name: 'dockerfile', kinds: ['dockerfile'], load: dockerfileArea },
  { name: 'kubernetes', kinds: ['kubernetes-object'], load: kubernetesArea },
  { name: 'packages', kinds: ['package-inventory'], load: packagesArea },
  { name: 'secrets', kinds: ['text', 'kubernetes-object'], load: secretsArea },
  { name: 'image', kinds: ['image-config'], load: imageArea },
]);

/** What a directory, file or SBOM target can hold: every kind but an image's config. */
export const FILE_ARTIFACT_KINDS: ReadonlySet<ArtifactKind> = new Set(['dockerfile', 'kubernetes-object', 'package-inventory', 'text']);

export interface LoadedCatalog {
  readonly analyzers: readonly Analyzer[];
  /** In id order, as catalog.ts's `rules`. */
  readonly rules: readonly Rule[];
  /** The rules' metadata and the gate's own. */
  readonly ruleMetas: readonly RuleMeta[];
  /** Whether every area is loaded (selectors can then be checked against every rule). */
  readonly complete: boolean;
}

/** The areas producing any of `kinds` (every area when undefined), loaded in parallel. */
export async function loadCatalog(kinds?: ReadonlySet<ArtifactKind>): Promise<LoadedCatalog> {
  const areas = kinds === undefined ? CATALOG_AREAS : CATALOG_AREAS.filter((area) => area.kinds.some((kind) => kinds.has(kind)));
  const contents = await Promise.all(areas.map((area) => area.load()));
  const rules = contents.flatMap((area) => area.rules).sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return Object.freeze({
    analyzers: Object.freeze(contents.flatMap((area) => area.analyzers)),
    rules: Object.freeze(rules),
    ruleMetas: Object.freeze([...rules.map((rule) => rule.meta), ...gateRuleMetas]),
    complete: areas.length === CATALOG_AREAS.length,
  });
}
