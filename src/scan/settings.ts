import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Rule, Severity, Threshold } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import type { LoadedCatalog } from '../lazy-catalog.ts';
import { FILE_ARTIFACT_KINDS, loadCatalog } from '../lazy-catalog.ts';
import type { PalisadeConfig, ResolvedConfig, YamlSource } from '../config/index.ts';
import type { ImageFetchOptions } from '../image/index.ts';
import { checkSelectorKeys, loadConfigDocument, resolveConfig, resolveRuleOptions } from '../config/index.ts';
import type { HadolintMigration } from './hadolint.ts';
import { loadHadolintMigration } from './hadolint.ts';
import type { Scanner } from './scanners.ts';
import { findingKindsOf } from './scanners.ts';
import { ruleMatchesSelector, selectRules } from './select-rules.ts';
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
  const target = resolveScanTarget(options.target);
  const { root } = target;
  const { config: fileConfig, source, path: configPath } = await readConfig(options.configPath, root);
  const config = resolveConfig(fileConfig);
  const configDir = options.configPath === undefined ? root : dirname(resolve(options.configPath));
  const { catalog, hadolint } = await loadAreas(options, fileConfig, target, root);
  const allRules = catalog.rules;
  const fromHadolint = hadolint?.settings;
  const include = options.rules ?? config.rules;
  const exclude = [...(options.skipRules ?? config.skipRules), ...(fromHadolint?.skipRules ?? [])];
  const selected = selectRules(allRules, { ...(include.length === 0 ? {} : { include }), exclude });
  if (!selected.ok) throw selected.error;
  const ruleOptions = mergeRuleOptions(mergeRuleOptions(fromHadolint?.ruleOptions ?? {}, fileConfig.ruleOptions ?? {}), options.ruleOptions ?? {});
  const configured = resolveRuleOptions({ path: configPath, source, ruleOptions, all: allRules, selected: selected.value, matches: ruleMatchesSelector });
  if (!configured.ok) throw configured.error;
  const severitySelectors = checkSelectorKeys({ path: configPath, source, pointer: '/severityOverrides', selectors: Object.keys(fileConfig.severityOverrides ?? {}), all: allRules, matches: ruleMatchesSelector });
  if (!severitySelectors.ok) throw severitySelectors.error;
  const scanners = options.scanners ?? config.scanners;
  const kinds = new Set(scanners.flatMap(findingKindsOf));
  // The vuln and policy scanners have no rules: they match advisories and evaluate policies.
  const notices = (options.scanners ?? fileConfig.scanners ?? [])
    .filter((scanner) => scanner !== 'vuln' && scanner !== 'policy' && !allRules.some((rule) => findingKindsOf(scanner).includes(rule.meta.kind)))
    .map((scanner) => `The ${scanner} scanner has no checks in this version yet; nothing was checked for it.`);
  if (hadolint !== undefined) notices.push(`Applied hadolint settings from ${hadolint.path} (.palisade.yaml wins where both set something).`, ...hadolint.notices);
  return {
    root,
    target,
    config,
    configDir,
    exceptionsPath: options.exceptionsPath ?? (fileConfig.exceptions === undefined ? undefined : join(configDir, fileConfig.exceptions)),
    rules: configured.value.filter((rule) => kinds.has(rule.meta.kind)),
    failOn: options.failOn ?? fileConfig.failOn ?? fromHadolint?.failOn ?? config.failOn,
    severityOverrides: { ...fromHadolint?.severityOverrides, ...fileConfig.severityOverrides },
    notices,
    scanners,
    ruleOptions,
    vulnerabilities: vulnerabilitySettings(options, config, configDir),
    policyPaths: [...config.policies.map((path) => resolve(configDir, path)), ...(options.policies ?? []).map((path) => resolve(path))],
    catalog,
  };
}

/**
 * The catalogue areas the scan needs: every area for an image, and whenever rules are named (flags,
 * `.palisade.yaml` or `.hadolint.yaml` selectors are checked against every rule); otherwise only those
 * whose artifacts a directory, file or SBOM can hold, so the image area does not load.
 */
async function loadAreas(options: ScanOptions, fileConfig: PalisadeConfig, target: ScanTarget, root: string): Promise<{ catalog: LoadedCatalog; hadolint: HadolintMigration | undefined }> {
  const catalog = await loadCatalog(target.kind === 'image' || namesRules(options, fileConfig) ? undefined : FILE_ARTIFACT_KINDS);
  const hadolint = await loadHadolintMigration(root, catalog.rules);
  if (hadolint === undefined || catalog.complete) return { catalog, hadolint };
  const complete = await loadCatalog();
  return { catalog: complete, hadolint: await loadHadolintMigration(root, complete.rules) };
}

function namesRules(options: ScanOptions, fileConfig: PalisadeConfig): boolean {
  const lists = [options.rules, options.skipRules, fileConfig.rules, fileConfig.skipRules];
  const maps = [options.ruleOptions, fileConfig.ruleOptions, fileConfig.severityOverrides];
  return lists.some((list) => list !== undefined && list.length > 0) || maps.some((map) => map !== undefined && Object.keys(map).length > 0);
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
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (configPath === undefined) return { config: {}, source: undefined, path: shown };
    throw new PalisadeError('CONFIG_UNREADABLE', `Cannot read configuration file "${configPath}"`, { cause: error, position: { path: configPath } });
  }
  const loaded = loadConfigDocument(shown, text);
  if (!loaded.ok) throw loaded.error;
  return { ...loaded.value, path: shown };
}

/** Paths inside the scan root are shown relative to it (as findings' paths are). */
export function displayPath(root: string, path: string): string {
  const absolute = resolve(path);
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : path;
}
