import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ArtifactKind, FileRef, Rule, RuleMeta, Severity, Threshold } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import type { CatalogAreaName, LoadedCatalog, RuleManifestEntry } from '../lazy-catalog.ts';
import { CATALOG_AREAS, FILE_ARTIFACT_KINDS, loadAreas, packageAnalyzersFor, ruleManifest } from '../lazy-catalog.ts';
import type { PalisadeConfig, ResolvedConfig, YamlSource } from '../config/index.ts';
import { gateRuleMetas } from '../gate/rule-metas.ts';
import { resolveConfig } from '../config/defaults.ts';
import type { ImageFetchOptions } from '../image/index.ts';
import type { HadolintMigration } from './hadolint.ts';
import { loadHadolintMigration } from './hadolint.ts';
import type { Scanner } from './scanners.ts';
import { findingKindsOf } from './scanners.ts';
import type { SelectorMeta } from './select-rules.ts';
import { pickRules, ruleMatchesSelector, unknownSelectorError } from './select-rules.ts';
import type { ScanTarget } from './targets.ts';
import { resolveScanTarget } from './targets.ts';

export interface ScanOptions {
  readonly target: string;
  readonly scanners?: readonly Scanner[];
  readonly failOn?: Threshold;
  readonly configPath?: string;
  readonly exceptionsPath?: string;
  readonly baselinePath?: string;
  readonly rules?: readonly string[];
  readonly skipRules?: readonly string[];
  /** Options given on the command line (e.g. `--pss-level`), merged over `.palisade.yaml` `ruleOptions`. */
  readonly ruleOptions?: RuleOptionsMap;
  /** Also scan the git history of the target for secrets (`--history`), from `since` when given. */
  readonly history?: { readonly since?: string };
  readonly now?: Date;
  /** False when recording a baseline: a configured baseline must not hide the findings to record. */
  readonly useBaseline?: boolean;
  readonly onProgress?: (filesSeen: number) => void;
  /** Called once the rules are settled, before any file is read (directory and file targets): whether text (secret) rules will read the files. */
  readonly onSettled?: (settled: { readonly textScan: boolean }) => void;
  /** Environment for `PALISADE_WORKERS` (default: the process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--db`: the advisory database (over `vulnerabilityDatabase`). */
  readonly databasePath?: string;
  /** `--db-max-age` (over `databaseMaxAge`): `36h`, `7d`, `2w`. */
  readonly databaseMaxAge?: string;
  /** `--vex` files (added to the configuration's `vex`). */
  readonly vex?: readonly string[];
  /** `--policy` folders or files (added to the configuration's `policies`). */
  readonly policies?: readonly string[];
  /** `--helm-values`: values files for every Helm chart rendered (after the chart's own values). */
  readonly helmValues?: readonly string[];
  /** How images are fetched (`--platform`, `--ca-file`, `--insecure-registry`, `--no-cache`). */
  readonly image?: ImageOptions;
  /** `--show-secrets`: secret findings carry the secret itself (local use only; refused in CI). */
  readonly showSecrets?: boolean;
}

/** The image fetch flags; the environment comes from the scan's own `env`. */
export type ImageOptions = Omit<ImageFetchOptions, 'env'>;

/** Everything a scan needs to know before it reads a file: flags over `.palisade.yaml` over `.hadolint.yaml`. */
export interface ScanSettings {
  /** The scan root (the directory, or the directory of a file target; the working directory for images and SBOMs). */
  readonly root: string;
  readonly target: ScanTarget;
  readonly config: ResolvedConfig;
  /** Paths in the configuration are relative to its folder. */
  readonly configDir: string;
  /** The exceptions file when `--exceptions` or the configuration names one (then it must exist). */
  readonly exceptionsPath: string | undefined;
  /** The selected rules of the selected scanners, configured with their options. */
  readonly rules: readonly Rule[];
  readonly failOn: Threshold;
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** Things the user should know that are not findings. */
  readonly notices: string[];
  readonly scanners: readonly Scanner[];
  /** Rule options from `.hadolint.yaml`, `.palisade.yaml` and flags, merged (for cache keys). */
  readonly ruleOptions: RuleOptionsMap;
  readonly vulnerabilities: VulnerabilitySettings;
  /** Policy folders and files (absolute), from the configuration and `--policy`. */
  readonly policyPaths: readonly string[];
  /** The areas loaded for this scan: their analyzers and every rule's metadata (before selection). */
  readonly catalog: LoadedCatalog;
  /** Ids of the gate's own rules (GATE-*) the selection keeps: the scan drops the findings of the others. */
  readonly gateRules: ReadonlySet<string>;
}

/** Where advisories come from and how old they may be (paths absolute). */
export interface VulnerabilitySettings {
  readonly databasePath: string | undefined;
  readonly maxAgeMs: number | undefined;
  readonly advisoryFolders: readonly string[];
  readonly vex: readonly { readonly path: string; readonly shown: string }[];
}

type RuleOptionsMap = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Resolves the target, reads the configuration files and selects and configures the rules. */
export async function resolveSettings(options: ScanOptions): Promise<ScanSettings> {
  return completeSettings(await prepareSettings(options));
}

/** What is known before the target is read: the configuration, and the selectors checked against every rule. */
export interface PreparedSettings {
  readonly options: ScanOptions;
  readonly target: ScanTarget;
  readonly fileConfig: PalisadeConfig;
  readonly config: ResolvedConfig;
  readonly source: YamlSource | undefined;
  /** The configuration file as messages name it. */
  readonly configPath: string;
  readonly configDir: string;
  readonly hadolint: HadolintMigration | undefined;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly ruleOptions: RuleOptionsMap;
  readonly scanners: readonly Scanner[];
  /**
   * The rule manifest (every rule's selector keys and area), or undefined when a selector names no rule
   * in it (a manifest older than the rules): every area is then loaded and selectors checked on the rules.
   */
  readonly manifest: readonly RuleManifestEntry[] | undefined;
}

/** Reads the configuration files and checks rule selectors against the rule manifest, loading no area. */
export async function prepareSettings(options: ScanOptions): Promise<PreparedSettings> {
  const target = resolveScanTarget(options.target);
  const { root } = target;
  const { config: fileConfig, source, path: configPath } = await readConfig(options.configPath, root);
  const config = resolveConfig(fileConfig);
  const configDir = options.configPath === undefined ? root : dirname(resolve(options.configPath));
  const everyRule = ruleManifest();
  const hadolint = await loadHadolintMigration(root, everyRule);
  const fromHadolint = hadolint?.settings;
  const include = options.rules ?? config.rules;
  const exclude = [...(options.skipRules ?? config.skipRules), ...(fromHadolint?.skipRules ?? [])];
  const ruleOptions = mergeRuleOptions(mergeRuleOptions(fromHadolint?.ruleOptions ?? {}, fileConfig.ruleOptions ?? {}), options.ruleOptions ?? {});
  const named = [...include, ...exclude, ...Object.keys(ruleOptions), ...Object.keys(fileConfig.severityOverrides ?? {})];
  const manifestKnowsAll = unknownSelectorError([...everyRule, ...gateRuleMetas], named) === undefined;
  const scanners = options.scanners ?? config.scanners;
  return { options, target, fileConfig, config, source, configPath, configDir, hadolint, include, exclude, ruleOptions, scanners, manifest: manifestKnowsAll ? everyRule : undefined };
}

/**
 * Loads the areas the scan needs and selects and configures their rules. `work` (a directory or file
 * target, walked beforehand) tells which areas, and which lockfile formats, have files to read: the
 * others are not loaded. Without it, every area whose artifacts the target can hold is loaded (every
 * area for an image).
 */
export async function completeSettings(prepared: PreparedSettings, work?: TreeWork): Promise<ScanSettings> {
  const { options, target, fileConfig, config, source, configPath, configDir, hadolint, include, exclude, ruleOptions, scanners, manifest } = prepared;
  const { root } = target;
  const fromHadolint = hadolint?.settings;
  const catalog = await loadAreas(areasToLoad(prepared, work?.areas), work?.packageAnalyzers);
  const allRules = catalog.rules;
  // Every rule's selector keys: the manifest's, or the rules' own when every area is loaded.
  const everyRule: readonly (SelectorMeta & Pick<RuleMeta, 'kind'>)[] = manifest ?? allRules.map((rule) => rule.meta);
  // The gate's own rules are selected (and their severity overridden) like any other, though no area holds them.
  const selectable = [...everyRule, ...gateRuleMetas];
  const unknown = unknownSelectorError(selectable, [...include, ...exclude]);
  if (unknown !== undefined) throw unknown;
  const selected = pickRules(allRules, { ...(include.length === 0 ? {} : { include }), exclude });
  const configured = Object.keys(ruleOptions).length === 0 ? selected : await configureRules({ path: configPath, source, ruleOptions, all: allRules, selected });
  const severitySelectors = Object.keys(fileConfig.severityOverrides ?? {});
  if (severitySelectors.length > 0) await checkSeveritySelectors(configPath, source, severitySelectors, selectable);
  const kinds = new Set(scanners.flatMap(findingKindsOf));
  const ruleKinds = new Set(everyRule.map((meta) => meta.kind));
  // The vuln and policy scanners have no rules: they match advisories and evaluate policies.
  const notices = (options.scanners ?? fileConfig.scanners ?? [])
    .filter((scanner) => scanner !== 'vuln' && scanner !== 'policy' && !findingKindsOf(scanner).some((kind) => ruleKinds.has(kind)))
    .map((scanner) => `The ${scanner} scanner has no checks in this version yet; nothing was checked for it.`);
  if (hadolint !== undefined) notices.push(`Applied hadolint settings from ${hadolint.path} (.palisade.yaml wins where both set something).`, ...hadolint.notices);
  return {
    root,
    target,
    config,
    configDir,
    exceptionsPath: options.exceptionsPath ?? (fileConfig.exceptions === undefined ? undefined : join(configDir, fileConfig.exceptions)),
    rules: configured.filter((rule) => kinds.has(rule.meta.kind)),
    failOn: options.failOn ?? fileConfig.failOn ?? fromHadolint?.failOn ?? config.failOn,
    severityOverrides: { ...fromHadolint?.severityOverrides, ...fileConfig.severityOverrides },
    notices,
    scanners,
    ruleOptions,
    vulnerabilities: vulnerabilitySettings(options, config, configDir),
    policyPaths: [...config.policies.map((path) => resolve(configDir, path)), ...(options.policies ?? []).map((path) => resolve(path))],
    catalog,
    gateRules: selectedGateRules(include, exclude),
  };
}

/** `pickRules` for the gate's own rules, which are metadata without a check: their ids. */
function selectedGateRules(include: readonly string[], exclude: readonly string[]): ReadonlySet<string> {
  const matches = (meta: RuleMeta, selectors: readonly string[]): boolean => selectors.some((selector) => ruleMatchesSelector(meta, selector));
  const kept = gateRuleMetas.filter((meta) => (include.length === 0 ? meta.stability === 'stable' : matches(meta, include)) && !matches(meta, exclude));
  return new Set(kept.map((meta) => meta.id));
}

async function configureRules(request: { path: string; source: YamlSource | undefined; ruleOptions: RuleOptionsMap; all: readonly Rule[]; selected: readonly Rule[] }): Promise<Rule[]> {
  const { resolveRuleOptions } = await import('../config/rule-options.ts');
  const configured = resolveRuleOptions({ ...request, matches: ruleMatchesSelector });
  if (!configured.ok) throw configured.error;
  return configured.value;
}

async function checkSeveritySelectors(path: string, source: YamlSource | undefined, selectors: readonly string[], metas: readonly SelectorMeta[]): Promise<void> {
  const { checkSelectorKeys } = await import('../config/rule-options.ts');
  const checked = checkSelectorKeys({ path, source, pointer: '/severityOverrides', selectors, metas, matches: ruleMatchesSelector });
  if (!checked.ok) throw checked.error;
}

/**
 * The areas a scan loads. An image loads every area, and so does a scan whose selectors the manifest
 * does not know. Otherwise an area loads when its analyzers produce what a rule that may run or a
 * later stage (vulnerabilities, policies) reads, or when one of its rules that may run reads what a
 * loaded area produces; and, to check `ruleOptions`, every area holding a rule they name. With
 * `hasWork`, an area whose analyzers have no file to read produces nothing.
 */
function areasToLoad(prepared: PreparedSettings, hasWork: ReadonlySet<CatalogAreaName> | undefined): Set<CatalogAreaName> {
  const { target, manifest, include, exclude, scanners, ruleOptions } = prepared;
  if (target.kind === 'image' || manifest === undefined) return new Set(CATALOG_AREAS.map((area) => area.name));
  const findingKinds = new Set(scanners.flatMap(findingKindsOf));
  const mayRun = manifest.filter(
    (entry) =>
      findingKinds.has(entry.kind) &&
      (include.length === 0 ? entry.stability === 'stable' : include.some((selector) => ruleMatchesSelector(entry, selector))) &&
      !exclude.some((selector) => ruleMatchesSelector(entry, selector)),
  );
  const producing = CATALOG_AREAS.filter((area) => FILE_ARTIFACT_KINDS.has(area.produces) && (hasWork === undefined || hasWork.has(area.name)));
  const produced = new Set<ArtifactKind>(producing.map((area) => area.produces));
  const needed = new Set<string>([...mayRun.map((entry) => entry.target), ...collectedKinds(scanners)]);
  const names = new Set<CatalogAreaName>();
  for (const area of producing) if (needed.has(area.produces)) names.add(area.name);
  for (const entry of mayRun) if (isArtifactKind(entry.target) && produced.has(entry.target)) names.add(entry.area);
  for (const selector of Object.keys(ruleOptions)) for (const entry of manifest) if (ruleMatchesSelector(entry, selector)) names.add(entry.area);
  return names;
}

function isArtifactKind(target: string): target is ArtifactKind {
  return target !== 'gate';
}

/**
 * Artifacts the stages after the rules need: inventories for matching, every model for policies.
 * `policies: false` says no policy can run (no policy files, and no Kubernetes analyzer that could
 * find policy objects in the tree): the scan then need not keep its models alive for the policy stage.
 */
export function collectedKinds(scanners: readonly Scanner[], policies = true): ReadonlySet<ArtifactKind> {
  const kinds = new Set<ArtifactKind>();
  if (scanners.includes('vuln')) kinds.add('package-inventory');
  if (scanners.includes('policy') && policies) for (const kind of ['kubernetes-object', 'dockerfile', 'package-inventory', 'image-config'] as const) kinds.add(kind);
  return kinds;
}

/** What a walked tree holds work for: the areas, and the package analyzers (lockfile formats). */
export interface TreeWork {
  readonly areas: Set<CatalogAreaName>;
  readonly packageAnalyzers: ReadonlySet<string>;
}

/** The work among `files` (a walked tree), by each area's light matcher: no area is loaded. */
export function workInTree(files: Iterable<FileRef & { readonly absolutePath: string }>, sniffHead: (absolutePath: string) => string): TreeWork {
  const areas = new Set<CatalogAreaName>();
  const packageAnalyzers = new Set<string>();
  const pending = CATALOG_AREAS.filter((area) => FILE_ARTIFACT_KINDS.has(area.produces) && area.name !== 'packages');
  for (const file of files) {
    let head: string | undefined;
    const sniff = (): string => (head ??= sniffHead(file.absolutePath));
    for (const area of pending) if (!areas.has(area.name) && area.hasWork(file, sniff)) areas.add(area.name);
    for (const id of packageAnalyzersFor(file, sniff)) packageAnalyzers.add(id);
  }
  if (packageAnalyzers.size > 0) areas.add('packages');
  return { areas, packageAnalyzers };
}

function vulnerabilitySettings(options: ScanOptions, config: ResolvedConfig, configDir: string): VulnerabilitySettings {
  const maxAge = options.databaseMaxAge ?? config.databaseMaxAge;
  const maxAgeMs = maxAge === undefined ? undefined : parseDuration(maxAge);
  if (maxAge !== undefined && maxAgeMs === undefined) throw new PalisadeError('USAGE', `--db-max-age must be a number of hours, days or weeks such as 36h, 7d or 2w (got "${maxAge}")`);
  const database = options.databasePath === undefined ? (config.vulnerabilityDatabase === undefined ? undefined : resolve(configDir, config.vulnerabilityDatabase)) : resolve(options.databasePath);
  const vex = [...config.vex.map((path) => ({ path: resolve(configDir, path), shown: path })), ...(options.vex ?? []).map((path) => ({ path: resolve(path), shown: path }))];
  return { databasePath: database, maxAgeMs, advisoryFolders: config.advisories.map((path) => resolve(configDir, path)), vex };
}

/** `36h`, `7d`, `2w` → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^([1-9]\d{0,5})([hdw])$/.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * (UNIT_HOURS[match[2] ?? ''] ?? 1) * 3_600_000;
}

const UNIT_HOURS: Readonly<Record<string, number>> = { h: 1, d: 24, w: 168 };

/** Later maps win, option by option. */
function mergeRuleOptions(base: RuleOptionsMap, over: RuleOptionsMap): RuleOptionsMap {
  const merged: Record<string, Readonly<Record<string, unknown>>> = { ...base };
  for (const [selector, values] of Object.entries(over)) merged[selector] = { ...merged[selector], ...values };
  return merged;
}

interface LoadedConfig {
  readonly config: PalisadeConfig;
  readonly source: YamlSource | undefined;
  /** As shown in messages. */
  readonly path: string;
}

async function readConfig(configPath: string | undefined, root: string): Promise<LoadedConfig> {
  const path = configPath ?? join(root, '.palisade.yaml');
  const shown = configPath ?? displayPath(root, path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (configPath === undefined) return { config: {}, source: undefined, path: shown };
    throw new PalisadeError('CONFIG_UNREADABLE', `Cannot read configuration file "${configPath}"`, { cause: error, position: { path: configPath } });
  }
  // The YAML reader and the schema validator load only when there is a configuration to read.
  const { loadConfigDocument } = await import('../config/load.ts');
  const loaded = loadConfigDocument(shown, text);
  if (!loaded.ok) throw loaded.error;
  return { ...loaded.value, path: shown };
}

/** Paths inside the scan root are shown relative to it (as findings' paths are). */
export function displayPath(root: string, path: string): string {
  const absolute = resolve(path);
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : path;
}
