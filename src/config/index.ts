export type { ResolvedConfig } from './defaults.ts';
export { CONFIG_DEFAULTS, resolveConfig } from './defaults.ts';
export { loadConfig } from './load.ts';
export type { OutputFormat, PalisadeConfig, Scanner } from './schema.ts';
export { OUTPUT_FORMATS, SCANNERS, THRESHOLDS, configSchema } from './schema.ts';
export { MAX_REPORTED_ISSUES, describePointer, describeType, issuesError, schemaErrorMessage, schemaIssues, suggestKey } from './schema-issues.ts';
export { compileValidator, lazyValidator } from './validator.ts';
export type { ParsedYaml, SourceIssue, YamlSource } from './yaml-source.ts';
export { keyPositionOf, parseYamlSource, positionOf, rangeOf, toPosition } from './yaml-source.ts';
