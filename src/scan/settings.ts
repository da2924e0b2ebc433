import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Rule, Severity, Threshold } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import { resolveTarget } from '../core/walk.ts';
import { rules as allRules } from '../catalog.ts';
import type { PalisadeConfig, ResolvedConfig, YamlSource } from '../config/index.ts';
import { checkSelectorKeys, loadConfigDocument, resolveConfig, resolveRuleOptions } from '../config/index.ts';
import { loadHadolintMigration } from './hadolint.ts';
import type { Scanner } from './scanners.ts';
import { findingKindsOf } from './scanners.ts';
import { ruleMatchesSelector, selectRules } from './select-rules.ts';

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
  /** `--show-secrets`: secret findings carry the secret itself (local use only; refused in CI). */
  readonly showSecrets?: boolean;
}

/** Everything a scan needs to know before it reads a file: flags over `.palisade.yaml` over `.hadolint.yaml`. */
export interface ScanSettings {
  /** The scan root (the directory, or the directory of a file target). */
  readonly root: string;
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
}

type RuleOptionsMap = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Resolves the target, reads the configuration files and selects and configures the rules. */
export async function resolveSettings(options: ScanOptions): Promise<ScanSettings> {
  const { root } = resolveScanTarget(options.target);
  const { config: fileConfig, source, path: configPath } = await readConfig(options.configPath, root);
  const config = resolveConfig(fileConfig);
  const configDir = options.configPath === undefined ? root : dirname(resolve(options.configPath));
  const hadolint = await loadHadolintMigration(root, allRules);
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
  const notices = (options.scanners ?? fileConfig.scanners ?? [])
    .filter((scanner) => !allRules.some((rule) => findingKindsOf(scanner).includes(rule.meta.kind)))
    .map((scanner) => `The ${scanner} scanner has no checks in this version yet; nothing was checked for it.`);
  if (hadolint !== undefined) notices.push(`Applied hadolint settings from ${hadolint.path} (.palisade.yaml wins where both set something).`, ...hadolint.notices);
  return {
    root,
    config,
    configDir,
    exceptionsPath: options.exceptionsPath ?? (fileConfig.exceptions === undefined ? undefined : join(configDir, fileConfig.exceptions)),
    rules: configured.value.filter((rule) => kinds.has(rule.meta.kind)),
    failOn: options.failOn ?? fileConfig.failOn ?? fromHadolint?.failOn ?? config.failOn,
    severityOverrides: { ...fromHadolint?.severityOverrides, ...fileConfig.severityOverrides },
    notices,
  };
}

/** Later maps win, option by option. */
function mergeRuleOptions(base: RuleOptionsMap, over: RuleOptionsMap): RuleOptionsMap {
  const merged: Record<string, Readonly<Record<string, unknown>>> = { ...base };
  for (const [selector, values] of Object.entries(over)) merged[selector] = { ...merged[selector], ...values };
  return merged;
}

/** Targets with these prefixes name images or SBOMs; their scanners come in later releases. */
const PLANNED_TARGET = /^(oci|docker-archive|docker|sbom):/;

function resolveScanTarget(target: string): { root: string } {
  const planned = PLANNED_TARGET.exec(target);
  if (planned !== null) {
    throw new PalisadeError('TARGET_UNSUPPORTED', `Scanning "${planned[1]}:" targets is not available in this version yet; give a directory or a file`);
  }
  try {
    return resolveTarget(target);
  } catch (error) {
    throw new PalisadeError('TARGET_NOT_FOUND', `Target "${target}" does not exist or cannot be read`, { cause: error });
  }
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
