import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Analyzer, ArtifactKind, Finding, Report, RuleMeta, ScanError } from '../core/index.ts';
import { PalisadeError, REPORT_SCHEMA_VERSION, compareSeverity, countBySeverity, isArtifactOf } from '../core/index.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import type { OutputFormat } from '../config/index.ts';
// The gate's and the secrets area's light modules: exceptions, baselines (YAML, schemas) and git
// history load only when the scan has them.
import type { InlineSuppression } from '../gate/inline.ts';
import { applyInlineSuppressions } from '../gate/inline.ts';
import { gateRuleMetas } from '../gate/rule-metas.ts';
import { invalidSuppressionFindings } from '../gate/rules/no-invalid-suppressions.ts';
import { unparsedFileFindings } from '../gate/rules/no-unparsed-files.ts';
import { findingMatchesSelector } from '../gate/selector.ts';
import { gateVerdict } from '../gate/verdict.ts';
import { dropShadowedGenericSecrets, isGenericSecretPack } from '../secrets/shadowed.ts';
import { readHead } from '../core/fs.ts';
import type { WalkEntry, WalkedFile } from '../core/walk.ts';
import { walk } from '../core/walk.ts';
import { applyGitleaksWaivers } from './gitleaks.ts';
import { revealSecrets } from './reveal-secrets.ts';
import type { FileScanRequest, FileScanResult } from './scan-files.ts';
import { scanFiles } from './scan-files.ts';
import { runVulnStage } from './vuln-stage.ts';
import { runPolicyStage } from './policy-stage.ts';
import type { Scanner } from './scanners.ts';
import type { CollectedTarget } from './image-target.ts';
import { workerCount, workerHeadStart } from './workers.ts';
import { overrideSeverities } from './select-rules.ts';
import type { PreparedSettings, ScanOptions, ScanSettings } from './settings.ts';
import { collectedKinds, completeSettings, displayPath, prepareSettings, workInTree } from './settings.ts';
import { TOOL_VERSION } from './version.ts';

export type { ImageOptions, ScanOptions } from './settings.ts';

export interface ScanOutcome {
  readonly report: Report;
  readonly exitCode: 0 | 1;
  /** Things the user should know that are not findings (e.g. a scanner with nothing to run yet). */
  readonly notices: readonly string[];
  /** The scan root (the directory, or the directory of a file target). */
  readonly root: string;
  /** The report format the configuration asks for (a `--format` flag overrides it). */
  readonly format: OutputFormat;
  /** Every rule that ran (for attestations of the rule set). */
  readonly ruleIds: readonly string[];
  /** When the advisory database used was last updated (ISO), when one was used. */
  readonly databaseBuiltAt?: string;
}

const GATE_RULE_IDS: ReadonlySet<string> = new Set(gateRuleMetas.map((meta) => meta.id));

/**
 * The whole pipeline for a directory, file, image or SBOM target: configuration, rule selection,
 * analysis and rules, vulnerability matching and policies, then the gate (inline suppressions,
 * exceptions, baseline, threshold). Usage and configuration
 * problems throw a PalisadeError (exit 2); problems with scanned files end up in `errors`.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const { settings, scanned } = await settleAndCollect(options);
  const { root, config, notices } = settings;
  notices.push(...scanned.notices);
  const suppressions = new Map<string, readonly InlineSuppression[]>();
  const gitleaksAllowed = new Map<string, ReadonlySet<number>>();
  for (const [path, notes] of scanned.notes) {
    if (notes.suppressions.length > 0) suppressions.set(path, notes.suppressions);
    if (notes.allowedLines.length > 0) gitleaksAllowed.set(path, new Set(notes.allowedLines));
  }
  const { databaseBuiltAt } = await checkCollected(scanned, settings, options);

  const { ruleMetas } = settings.catalog;
  const overridden = overrideSeverities(dropShadowedGenericSecrets(scanned.findings, genericSecretRules(ruleMetas)), settings.severityOverrides, ruleMetas);
  let findings: Finding[] = await applyGitleaksWaivers(applyInlineSuppressions(overridden, suppressions, findingMatchesSelector), gitleaksAllowed, root, notices);
  findings.push(...invalidSuppressionFindings(suppressions));
  findings = await applyExceptionsFile(findings, settings, options.now ?? new Date());
  if (options.useBaseline !== false) findings = await applyBaselineFile(findings, options.baselinePath ?? (config.baseline === undefined ? undefined : join(settings.configDir, config.baseline)));

  // The gate's rules run outside the rule engine: `--rules`/`--skip-rules` apply to their findings here.
  findings = findings.filter((finding) => !GATE_RULE_IDS.has(finding.ruleId) || settings.gateRules.has(finding.ruleId));
  if (options.showSecrets === true) findings = revealSecrets(findings, root);
  findings.sort(compareFindings);
  const verdict = gateVerdict(findings, settings.failOn);
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
      failOn: settings.failOn,
      failing: verdict.failing,
      filesScanned: scanned.filesScanned,
    },
    rules: rulesOf(findings, ruleMetas),
  };
  return { report, exitCode: verdict.exitCode, notices, root, format: config.format, ruleIds: settings.rules.map((rule) => rule.meta.id), ...(databaseBuiltAt === undefined ? {} : { databaseBuiltAt }) };
}

/**
 * The checks that read what the target yielded as a whole: inventories against advisories (and VEX),
 * then CEL policies on every model (they see the vulnerabilities found).
 */
async function checkCollected(scanned: FileScanResult | CollectedTarget, settings: ScanSettings, options: ScanOptions): Promise<{ databaseBuiltAt?: string }> {
  const vulnerabilities: Finding[] = [];
  let databaseBuiltAt: string | undefined;
  if (settings.scanners.includes('vuln')) {
    const inventories = scanned.collected.filter((artifact) => isArtifactOf<PackageInventoryArtifact>(artifact, 'package-inventory'));
    const vuln = await runVulnStage({ ...settings.vulnerabilities, inventories, env: options.env ?? process.env, now: options.now ?? new Date() });
    vulnerabilities.push(...vuln.findings);
    scanned.errors.push(...vuln.errors);
    settings.notices.push(...vuln.notices);
    databaseBuiltAt = vuln.databaseBuiltAt;
  }
  scanned.findings.push(...vulnerabilities);
  const stage = databaseBuiltAt === undefined ? {} : { databaseBuiltAt };
  if (!settings.scanners.includes('policy')) return stage;
  const models = 'models' in scanned ? scanned.models : [];
  const policy = await runPolicyStage({ paths: settings.policyPaths, artifacts: scanned.collected, vulnerabilityFindings: vulnerabilities, root: settings.root, models });
  scanned.findings.push(...policy.findings);
  scanned.errors.push(...policy.errors);
  return stage;
}

/**
 * The settings and the findings and artifacts of the target, whatever its kind (the image and SBOM
 * readers load only for their targets). A directory or file is walked first, so that only the areas
 * with files to read (and, with `--history`, the secrets area) are loaded.
 */
async function settleAndCollect(options: ScanOptions): Promise<{ settings: ScanSettings; scanned: FileScanResult | CollectedTarget }> {
  const prepared = await prepareSettings(options);
  const { target } = prepared;
  if (target.kind === 'path') return collectFromPath(options, prepared);
  const settings = await completeSettings(prepared);
  if (target.kind === 'image') return { settings, scanned: await (await import('./image-target.ts')).collectFromImage(target.reference, options, settings) };
  if (target.kind === 'sbom') return { settings, scanned: await (await import('./image-target.ts')).collectFromSbom(target.file, settings) };
  return { settings, scanned: await (await import('./audit-target.ts')).collectFromAuditLog(target.file, settings) };
}

/** Files (and, with `--history`, git history) of a directory or file target. */
async function collectFromPath(options: ScanOptions, prepared: PreparedSettings): Promise<{ settings: ScanSettings; scanned: FileScanResult }> {
  const workers = workerCount(options.env ?? process.env);
  // Secret detection's workers start during the walk once the tree is large enough (the main thread scans too: one fewer).
  const headStart = await workerHeadStart(prepared.scanners.includes('secret') ? workers - 1 : 0);
  try {
    const entries: WalkEntry[] = [];
    for (const entry of walk(options.target, { ignorePatterns: prepared.config.ignorePaths })) {
      entries.push(entry);
      if (entry.kind === 'file') headStart.add(entry.file);
    }
    return await scanPath(options, prepared, entries, { settingsInput: workerSettings(options), workers, started: headStart.started() });
  } finally {
    // Whatever happened (a configuration error after the walk), no worker outlives the scan.
    await headStart.stop();
  }
}

async function scanPath(options: ScanOptions, prepared: PreparedSettings, entries: readonly WalkEntry[], parallel: NonNullable<FileScanRequest['parallel']>): Promise<{ settings: ScanSettings; scanned: FileScanResult }> {
  const work = workInTree(
    entries.flatMap((entry) => (entry.kind === 'file' ? [entry.file] : [])),
    readHead,
  );
  if (options.history !== undefined) work.areas.add('secrets');
  const settings = await completeSettings(prepared, work);
  const textRules = settings.rules.filter((rule) => rule.meta.target === 'text');
  options.onSettled?.({ textScan: textRules.length > 0 });
  const { config } = settings;
  const scanned = await scanFiles({
    entries,
    target: options.target,
    analyzers: settings.catalog.analyzers,
    rules: settings.rules,
    ignorePatterns: config.ignorePaths,
    maxFileSize: config.maxFileSize,
    parallel,
    collect: collectedKinds(settings.scanners, settings.policyPaths.length > 0 || settings.catalog.analyzers.some((analyzer) => analyzer.produces === 'kubernetes-object')),
    ...(options.helmValues === undefined ? {} : { renderOptions: { helmValues: options.helmValues.map((path) => resolve(path)) } }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  // GATE-0003: a recognised file left unchecked (unparsable, or too large) counts at the gate, waivable as any finding.
  scanned.findings.push(...unparsedFileFindings(scanned.errors, structuredFileMatcher(entries, settings.catalog.analyzers)));
  if (options.history !== undefined) {
    const { scanGitHistory } = await import('../secrets/history.ts');
    const history = await scanGitHistory({ repo: settings.root, ...(options.history.since === undefined ? {} : { since: options.history.since }), rules: textRules });
    scanned.findings.push(...history.findings);
    scanned.errors.push(...history.errors);
  }
  return { settings, scanned };
}

/** Whether an analyzer other than secret detection (Dockerfile, Kubernetes, lockfile) reads a walked file. */
function structuredFileMatcher(entries: readonly WalkEntry[], analyzers: readonly Analyzer[]): (path: string) => boolean {
  const structured = analyzers.filter((analyzer) => analyzer.produces !== 'text');
  let files: Map<string, WalkedFile> | undefined;
  return (path) => {
    files ??= new Map(entries.flatMap((entry): [string, WalkedFile][] => (entry.kind === 'file' ? [[entry.file.path, entry.file]] : [])));
    const file = files.get(path);
    return file !== undefined && structured.some((analyzer) => analyzer.matches(file, () => readHead(file.absolutePath)));
  };
}

/** The options a worker thread needs to resolve the same settings (no callbacks, nothing unclonable). */
function workerSettings(options: ScanOptions): ScanOptions {
  const { onProgress: _progress, onSettled: _settled, now: _now, env: _env, ...settingsInput } = options;
  return settingsInput;
}

/** The generic secret detectors: their findings give way to a provider rule's on the same secret. */
function genericSecretRules(ruleMetas: readonly RuleMeta[]): ReadonlySet<string> {
  return new Set(ruleMetas.filter((meta) => meta.packs.some(isGenericSecretPack)).map((meta) => meta.id));
}

/** Applies the exceptions file: the named one (which must exist), else `.palisade/exceptions.yaml` when present. */
async function applyExceptionsFile(findings: Finding[], settings: ScanSettings, now: Date): Promise<Finding[]> {
  const path = settings.exceptionsPath ?? join(settings.root, settings.config.exceptions);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (settings.exceptionsPath === undefined) return findings;
    throw new PalisadeError('EXCEPTIONS_INVALID', `Cannot read exceptions file "${path}"`, { cause: error, position: { path } });
  }
  const { applyExceptions, loadExceptions } = await import('../gate/exceptions.ts');
  const loaded = loadExceptions(displayPath(settings.root, path), text);
  if (!loaded.ok) throw loaded.error;
  const applied = applyExceptions(findings, loaded.value, now);
  return [...applied.findings, ...applied.expired];
}

async function applyBaselineFile(findings: Finding[], path: string | undefined): Promise<Finding[]> {
  if (path === undefined) return findings;
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PalisadeError('BASELINE_INVALID', `Cannot read baseline file "${path}"`, { cause: error, position: { path } });
  }
  const { applyBaseline, loadBaseline } = await import('../gate/baseline.ts');
  const loaded = loadBaseline(path, text);
  if (!loaded.ok) throw loaded.error;
  return applyBaseline(findings, loaded.value);
}

function rulesOf(findings: readonly Finding[], ruleMetas: readonly RuleMeta[]): RuleMeta[] {
  const ids = new Set(findings.map((finding) => finding.ruleId));
  return ruleMetas.filter((meta) => ids.has(meta.id));
}

/** The report order: location, severity, rule, fingerprint (the admission webhook sorts the same way). */
export function compareFindings(a: Finding, b: Finding): number {
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
