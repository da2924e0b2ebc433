/**
 * Palisade's library API. Everything here is a named re-export; the JSON report shape
 * (docs/output-json.md) is the versioned contract.
 */
export type {
  Analyzer,
  AnalyzerOutput,
  Artifact,
  ArtifactKind,
  ErrorCode,
  FileRef,
  Finding,
  FindingKind,
  KubernetesObjectRef,
  Location,
  PackageRef,
  Position,
  Report,
  ReportSummary,
  ReportTarget,
  Rule,
  RuleAlias,
  RuleContext,
  RuleMeta,
  RuleStability,
  RuleTarget,
  ScanError,
  Severity,
  SourceDocument,
  SourceRange,
  Suppression,
  Threshold,
  VulnerabilityRef,
} from './core/index.ts';
export { ERROR_CODES, PalisadeError, REPORT_SCHEMA_VERSION, SEVERITIES, createSourceDocument, defineAnalyzer, defineRule, isPalisadeError, meetsThreshold } from './core/index.ts';
export { analyzers, ruleMetas, rules, validateCatalog } from './catalog.ts';
export type { Control, Framework } from './compliance/index.ts';
export { frameworks } from './compliance/index.ts';
export type { PalisadeConfig } from './config/index.ts';
export { loadConfig } from './config/index.ts';
export type { Baseline, ExceptionSet } from './gate/index.ts';
export { applyBaseline, applyExceptions, createBaseline, gateVerdict, loadBaseline, loadExceptions } from './gate/index.ts';
export type { Reporter, ReporterOptions, ReportFormat } from './report/index.ts';
export { REPORT_FORMATS, reporters, validateReport } from './report/index.ts';
export type { ScanOptions, ScanOutcome } from './scan/run-scan.ts';
export { runScan } from './scan/run-scan.ts';
export { runRules } from './scan/run-rules.ts';
export { selectRules } from './scan/select-rules.ts';
export type { Version, VersionError, VersionScheme } from './vuln/index.ts';
export { compareVersions, parseVersion, tryCompareVersions, versionSchemeFor } from './vuln/index.ts';
