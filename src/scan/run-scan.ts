import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Finding, Report, RuleMeta, ScanError, Threshold } from '../core/index.ts';
import { PalisadeError, REPORT_SCHEMA_VERSION, compareSeverity, countBySeverity } from '../core/index.ts';
import { resolveTarget } from '../core/walk.ts';
import { analyzers, ruleMetas, rules as allRules } from '../catalog.ts';
import type { OutputFormat, PalisadeConfig, ResolvedConfig, YamlSource } from '../config/index.ts';
import { checkSelectorKeys, loadConfigDocument, resolveConfig, resolveRuleOptions } from '../config/index.ts';
import type { InlineSuppression } from '../gate/index.ts';
import { applyBaseline, applyExceptions, applyInlineSuppressions, findingMatchesSelector, gateVerdict, invalidSuppressionFindings, loadBaseline, loadExceptions, parseInlineSuppressions } from '../gate/index.ts';
import { scanFiles } from './scan-files.ts';
import type { Scanner } from './scanners.ts';
import { dropShadowedGenericSecrets, gitleaksAllowLines, isGenericSecretPack, scanGitHistory } from '../secrets/index.ts';
import { applyGitleaksWaivers } from './gitleaks.ts';
import { loadHadolintMigration } from './hadolint.ts';
import { findingKindsOf } from './scanners.ts';
import { overrideSeverities, ruleMatchesSelector, selectRules } from './select-rules.ts';
import { TOOL_VERSION } from './version.ts';

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
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Also scan the git history of the target for secrets (`--history`), from `since` when given. */
  readonly history?: { readonly since?: string };
  readonly now?: Date;
  /** False when recording a baseline: a configured baseline must not hide the findings to record. */
  readonly useBaseline?: boolean;
  readonly onProgress?: (filesSeen: number) => void;
}

export interface ScanOutcome {
  readonly report: Report;
  readonly exitCode: 0 | 1;
  /** Things the user should know that are not findings (e.g. a scanner with nothing to run yet). */
  readonly notices: readonly string[];
  /** The scan root (the directory, or the directory of a file target). */
  readonly root: string;
  /** The report format the configuration asks for (a `--format` flag overrides it). */
  readonly format: OutputFormat;
}

/**
 * The whole pipeline for a file or directory target: configuration, rule selection, analysis, rules,
 * then the gate (inline suppressions, exceptions, baseline, threshold). Usage and configuration
 * problems throw a PalisadeError (exit 2); problems with scanned files end up in `errors`.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const now = options.now ?? new Date();
  const { root } = resolveScanTarget(options.target);
  const { config: fileConfig, source: configSource, path: configPath } = await readConfig(options.configPath, root);
  const config: ResolvedConfig = resolveConfig(fileConfig);
  const configDir = options.configPath === undefined ? root : dirname(resolve(options.configPath));
  const hadolint = await loadHadolintMigration(root, allRules);
  const fromHadolint = hadolint?.settings;
  const scanners = options.scanners ?? config.scanners;
  const failOn = options.failOn ?? fileConfig.failOn ?? fromHadolint?.failOn ?? config.failOn;
  const include = options.rules ?? config.rules;
  const exclude = [...(options.skipRules ?? config.skipRules), ...(fromHadolint?.skipRules ?? [])];
  const selected = selectRules(allRules, { ...(include.length === 0 ? {} : { include }), exclude });
  if (!selected.ok) throw selected.error;
  const ruleOptions = mergeRuleOptions(mergeRuleOptions(fromHadolint?.ruleOptions ?? {}, fileConfig.ruleOptions ?? {}), options.ruleOptions ?? {});
  const configured = resolveRuleOptions({ path: configPath, source: configSource, ruleOptions, all: allRules, selected: selected.value, matches: ruleMatchesSelector });
  if (!configured.ok) throw configured.error;
  const severitySelectors = checkSelectorKeys({ path: configPath, source: configSource, pointer: '/severityOverrides', selectors: Object.keys(fileConfig.severityOverrides ?? {}), all: allRules, matches: ruleMatchesSelector });
  if (!severitySelectors.ok) throw severitySelectors.error;
  const kinds = new Set(scanners.flatMap(findingKindsOf));
  const rules = configured.value.filter((rule) => kinds.has(rule.meta.kind));
  const askedFor = options.scanners ?? fileConfig.scanners ?? [];
  const notices = askedFor
    .filter((scanner) => !allRules.some((rule) => findingKindsOf(scanner).includes(rule.meta.kind)))
    .map((scanner) => `The ${scanner} scanner has no checks in this version yet; nothing was checked for it.`);
  if (hadolint !== undefined) notices.push(`Applied hadolint settings from ${hadolint.path} (.palisade.yaml wins where both set something).`, ...hadolint.notices);

  const suppressions = new Map<string, readonly InlineSuppression[]>();
  const gitleaksAllowed = new Map<string, ReadonlySet<number>>();
  const scanned = scanFiles({
    target: options.target,
    analyzers,
    rules,
    ignorePatterns: config.ignorePaths,
    maxFileSize: config.maxFileSize,
    onDocument: (document) => {
      const found = parseInlineSuppressions(document.text);
      if (found.length > 0) suppressions.set(document.path, found);
      const allowed = gitleaksAllowLines(document.text);
      if (allowed.size > 0) gitleaksAllowed.set(document.path, allowed);
    },
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });

  if (options.history !== undefined) {
    const history = await scanGitHistory({ repo: root, ...(options.history.since === undefined ? {} : { since: options.history.since }), rules: rules.filter((rule) => rule.meta.target === 'text') });
    scanned.findings.push(...history.findings);
    scanned.errors.push(...history.errors);
  }
  const genericSecretRules = new Set(ruleMetas.filter((meta) => meta.packs.some(isGenericSecretPack)).map((meta) => meta.id));
  const overridden = overrideSeverities(dropShadowedGenericSecrets(scanned.findings, genericSecretRules), { ...fromHadolint?.severityOverrides, ...fileConfig.severityOverrides }, ruleMetas);
  let findings: Finding[] = await applyGitleaksWaivers(applyInlineSuppressions(overridden, suppressions, findingMatchesSelector), gitleaksAllowed, root, notices);
  findings.push(...invalidSuppressionFindings(suppressions));
  const exceptionsExplicit = options.exceptionsPath ?? (fileConfig.exceptions === undefined ? undefined : join(configDir, fileConfig.exceptions));
  const exceptionsFile = await readExceptionsFile(exceptionsExplicit ?? join(root, config.exceptions), exceptionsExplicit !== undefined);
  if (exceptionsFile !== undefined) {
    const loaded = loadExceptions(displayPath(root, exceptionsFile.path), exceptionsFile.text);
    if (!loaded.ok) throw loaded.error;
    const applied = applyExceptions(findings, loaded.value, now);
    findings = [...applied.findings, ...applied.expired];
  }
  const baselinePath = options.baselinePath ?? (config.baseline === undefined ? undefined : join(configDir, config.baseline));
  if (baselinePath !== undefined && options.useBaseline !== false) {
    const baselineFile = await requiredFile(baselinePath, 'BASELINE_INVALID', 'baseline');
    const loaded = loadBaseline(baselinePath, baselineFile);
    if (!loaded.ok) throw loaded.error;
    findings = applyBaseline(findings, loaded.value);
  }

  findings.sort(compareFindings);
  const verdict = gateVerdict(findings, failOn);
  const counted = findings.filter((finding) => finding.suppression === undefined);
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'palisade', version: TOOL_VERSION },
    target: options.target,
    findings,
    errors: [...scanned.errors].sort(compareErrors),
    summary: {
      bySeverity: countBySeverity(counted),
      total: counted.length,
      suppressed: findings.length - counted.length,
      failOn,
      failing: verdict.failing,
      filesScanned: scanned.filesScanned,
    },
    rules: rulesOf(findings),
  };
  return { report, exitCode: verdict.exitCode, notices, root, format: config.format };
}

type RuleOptionsMap = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Command-line options win over the file's, option by option. */
function mergeRuleOptions(file: RuleOptionsMap, flags: RuleOptionsMap): RuleOptionsMap {
  const merged: Record<string, Readonly<Record<string, unknown>>> = { ...file };
  for (const [selector, values] of Object.entries(flags)) merged[selector] = { ...merged[selector], ...values };
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

/** The exceptions file: required when named, optional at its default place. */
async function readExceptionsFile(path: string, required: boolean): Promise<{ path: string; text: string } | undefined> {
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (error) {
    if (!required) return undefined;
    throw new PalisadeError('EXCEPTIONS_INVALID', `Cannot read exceptions file "${path}"`, { cause: error, position: { path } });
  }
}

async function requiredFile(path: string, code: 'BASELINE_INVALID', what: string): Promise<string> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new PalisadeError(code, `Cannot read ${what} file "${path}"`, { cause: error, position: { path } });
  }
}

/** Paths inside the scan root are shown relative to it (as findings' paths are). */
function displayPath(root: string, path: string): string {
  const absolute = resolve(path);
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : path;
}

function rulesOf(findings: readonly Finding[]): RuleMeta[] {
  const ids = new Set(findings.map((finding) => finding.ruleId));
  return ruleMetas.filter((meta) => ids.has(meta.id));
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.path, b.location.path) ||
    (a.location.startLine ?? 0) - (b.location.startLine ?? 0) ||
    (a.location.startColumn ?? 0) - (b.location.startColumn ?? 0) ||
    compareSeverity(a.severity, b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function compareErrors(a: ScanError, b: ScanError): number {
  return compareText(a.path, b.path) || (a.startLine ?? 0) - (b.startLine ?? 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
