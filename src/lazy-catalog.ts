/**
 * The catalogue (catalog.ts) area by area, each area loaded only when asked for. A scan decides
 * which areas it needs before loading any: the rule manifest (rule-manifest.json, written by
 * `npm run docs`) holds what selectors match (id, slug, aliases, packs) and where each rule lives,
 * and each area's light matcher tells whether a walked tree holds any file of the area. catalog.ts
 * keeps the eager lists for everything that needs every rule (`palisade rules`, the docs,
 * compliance); lazy-catalog.test.ts checks that the two, and the manifest, agree.
 */
import type { Analyzer, ArtifactKind, FileRef, FindingKind, Rule, RuleMeta, RuleStability, RuleTarget } from './core/index.ts';
import { matchesDockerfileArea } from './dockerfile/matcher.ts';
import { gateRuleMetas } from './gate/rule-metas.ts';
import { matchesKubernetesArea } from './kubernetes/matcher.ts';
import { lazyPackageAnalyzers } from './packages/lazy.ts';
import { isScannableName } from './secrets/analyzer.ts';
import manifestData from './rule-manifest.json' with { type: 'json' };

export interface AreaContents {
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
}

export type CatalogAreaName = 'dockerfile' | 'kubernetes' | 'packages' | 'secrets' | 'image';

/** An area whose analyzers produce, and whose rules read, artifacts of `kinds`. */
export interface CatalogArea {
  readonly name: CatalogAreaName;
  readonly kinds: readonly ArtifactKind[];
  /** What its analyzers produce. */
  readonly produces: ArtifactKind;
  /**
   * Whether a tree holding this file needs the area's analyzers: true for every file they read
   * (or render), and possibly for a few more; `sniff` reads the file's head. Never loads the area.
   */
  hasWork(file: FileRef, sniff: () => string): boolean;
  /** `analyzerIds`: only these analyzers are needed (an area may then load fewer parsers). */
  load(analyzerIds?: ReadonlySet<string>): Promise<AreaContents>;
}

async function dockerfileArea(): Promise<AreaContents> {
  // The analyzer and the rules, not the area's index.ts (hadolint's configuration reader and its YAML).
  const [{ dockerfileAnalyzer }, { dockerfileRules }] = await Promise.all([import('./dockerfile/analyzer.ts'), import('./dockerfile/rules/index.ts')]);
  return { analyzers: [dockerfileAnalyzer], rules: dockerfileRules };
}

async function kubernetesArea(): Promise<AreaContents> {
  const [{ kubernetesAnalyzer }, { kubernetesRules }] = await Promise.all([import('./kubernetes/analyzer.ts'), import('./kubernetes/rules/index.ts')]);
  return { analyzers: [kubernetesAnalyzer], rules: kubernetesRules };
}

async function packagesArea(analyzerIds?: ReadonlySet<string>): Promise<AreaContents> {
  if (analyzerIds === undefined) return { analyzers: (await import('./packages/index.ts')).packageAnalyzers, rules: [] };
  // Only the parsers of the lockfile formats present, in the order of `packageAnalyzers`.
  return { analyzers: await Promise.all(lazyPackageAnalyzers.filter((analyzer) => analyzerIds.has(analyzer.id)).map((analyzer) => analyzer.load())), rules: [] };
}

/** The ids of the package analyzers that read `file` (their matchers; no parser loaded). */
export function packageAnalyzersFor(file: FileRef, sniff: () => string): string[] {
  return lazyPackageAnalyzers.filter((analyzer) => analyzer.matches(file, sniff)).map((analyzer) => analyzer.id);
}

async function secretsArea(): Promise<AreaContents> {
  const [{ textAnalyzer }, { secretRules }] = await Promise.all([import('./secrets/text-analyzer.ts'), import('./secrets/rules/index.ts')]);
  return { analyzers: [textAnalyzer], rules: secretRules };
}

async function imageArea(): Promise<AreaContents> {
  const { imageConfigAnalyzer, imageRules } = await import('./image/index.ts');
  return { analyzers: [imageConfigAnalyzer], rules: imageRules };
}

/** In the order of catalog.ts's `analyzers`. */
export const CATALOG_AREAS: readonly CatalogArea[] = Object.freeze([
  { name: 'dockerfile', kinds: ['dockerfile'], produces: 'dockerfile', hasWork: matchesDockerfileArea, load: dockerfileArea },
  { name: 'kubernetes', kinds: ['kubernetes-object'], produces: 'kubernetes-object', hasWork: matchesKubernetesArea, load: kubernetesArea },
  { name: 'packages', kinds: ['package-inventory'], produces: 'package-inventory', hasWork: (file, sniff) => packageAnalyzersFor(file, sniff).length > 0, load: packagesArea },
  // The text analyzer's name check (its content check needs the file read).
  { name: 'secrets', kinds: ['text', 'kubernetes-object'], produces: 'text', hasWork: (file) => isScannableName(file), load: secretsArea },
  // An image's config is never a file of a directory.
  { name: 'image', kinds: ['image-config'], produces: 'image-config', hasWork: () => false, load: imageArea },
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
  return loadAreas(new Set(areas.map((area) => area.name)));
}

/**
 * The named areas, loaded in parallel (in catalogue order). `packageAnalyzerIds`: the package analyzers
 * needed (every one when undefined); the others' parsers are not loaded.
 */
export async function loadAreas(names: ReadonlySet<CatalogAreaName>, packageAnalyzerIds?: ReadonlySet<string>): Promise<LoadedCatalog> {
  const areas = CATALOG_AREAS.filter((area) => names.has(area.name));
  const contents = await Promise.all(areas.map((area) => (area.name === 'packages' ? area.load(packageAnalyzerIds) : area.load())));
  // Rule ids are ASCII (`DKR-0001`): code-unit order is their collation order, and spares setting up ICU (~14 ms).
  const rules = contents.flatMap((area) => area.rules).sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  return Object.freeze({
    analyzers: Object.freeze(contents.flatMap((area) => area.analyzers)),
    rules: Object.freeze(rules),
    ruleMetas: Object.freeze([...rules.map((rule) => rule.meta), ...gateRuleMetas]),
    complete: areas.length === CATALOG_AREAS.length,
  });
}

/** A rule as the manifest lists it: what selectors match, and where the rule lives. */
export interface RuleManifestEntry {
  readonly id: string;
  readonly slug: string;
  readonly area: CatalogAreaName;
  readonly target: RuleTarget;
  readonly kind: FindingKind;
  readonly stability: RuleStability;
  readonly aliases: readonly { readonly tool: string; readonly id: string }[];
  readonly packs: readonly string[];
  readonly compliance: readonly string[];
}

/** Every rule of every area, in id order (as catalog.ts's `rules`): the content of rule-manifest.json. */
export async function buildRuleManifest(): Promise<RuleManifestEntry[]> {
  const entries: RuleManifestEntry[] = [];
  for (const area of CATALOG_AREAS) {
    for (const { meta } of (await area.load()).rules) {
      const { id, slug, target, kind, stability, packs, compliance } = meta;
      entries.push({ id, slug, area: area.name, target, kind, stability, aliases: meta.aliases.map((alias) => ({ tool: alias.tool, id: alias.id })), packs, compliance });
    }
  }
  return entries.sort((a, b) => a.id.localeCompare(b.id));
}

/** The text of rule-manifest.json: one rule a line, so a change of one rule is a one-line diff. */
export function renderRuleManifest(entries: readonly RuleManifestEntry[]): string {
  return `[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`;
}

let manifest: readonly RuleManifestEntry[] | undefined;

/** rule-manifest.json, checked entry by entry. */
export function ruleManifest(): readonly RuleManifestEntry[] {
  manifest ??= Object.freeze(parseManifest(manifestData));
  return manifest;
}

function parseManifest(data: unknown): RuleManifestEntry[] {
  if (!Array.isArray(data)) throw new Error('Invariant failed: rule-manifest.json is not an array (run `npm run docs`)');
  return data.map((entry: unknown, index) => {
    if (!isManifestEntry(entry)) throw new Error(`Invariant failed: rule-manifest.json entry ${index} is malformed (run \`npm run docs\`)`);
    return entry;
  });
}

const AREA_NAMES: ReadonlySet<string> = new Set(CATALOG_AREAS.map((area) => area.name));

function isManifestEntry(value: unknown): value is RuleManifestEntry {
  if (typeof value !== 'object' || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  const strings = ['id', 'slug', 'target', 'kind', 'stability'].every((key) => typeof fields[key] === 'string');
  const lists = ['packs', 'compliance'].every((key) => isStringList(fields[key]));
  const aliases = Array.isArray(fields['aliases']) && fields['aliases'].every((alias: unknown) => typeof alias === 'object' && alias !== null && 'tool' in alias && 'id' in alias);
  return strings && lists && aliases && typeof fields['area'] === 'string' && AREA_NAMES.has(fields['area']);
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item: unknown) => typeof item === 'string');
}
