import type { Threshold } from '../core/index.ts';
import { DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_LAYER_BYTES } from '../image/limits.ts';
import type { OutputFormat, PalisadeConfig, Scanner } from './schema.ts';

/** A configuration with every default filled in (`baseline` stays optional: no baseline unless named). */
export interface ResolvedConfig {
  readonly scanners: readonly Scanner[];
  readonly failOn: Threshold;
  readonly format: OutputFormat;
  /** Empty means the default set: every stable rule. */
  readonly rules: readonly string[];
  readonly skipRules: readonly string[];
  readonly exceptions: string;
  readonly baseline?: string;
  readonly ignorePaths: readonly string[];
  readonly maxFileSize: number;
  readonly maxLayerBytes: number;
  readonly maxImageBytes: number;
  readonly advisories: readonly string[];
  readonly vulnerabilityDatabase?: string;
  readonly databaseMaxAge?: string;
  readonly vex: readonly string[];
  readonly policies: readonly string[];
}

/** The defaults documented in docs/configuration.md (a test keeps the two in step). */
export const CONFIG_DEFAULTS = Object.freeze({
  scanners: Object.freeze(['misconfig', 'secret', 'vuln', 'policy'] as const),
  failOn: 'high',
  format: 'table',
  rules: Object.freeze([]),
  skipRules: Object.freeze([]),
  exceptions: '.palisade/exceptions.yaml',
  ignorePaths: Object.freeze([]),
  maxFileSize: 16 * 1024 * 1024,
  maxLayerBytes: DEFAULT_MAX_LAYER_BYTES,
  maxImageBytes: DEFAULT_MAX_IMAGE_BYTES,
  advisories: Object.freeze([]),
  vex: Object.freeze([]),
  policies: Object.freeze([]),
} as const satisfies ResolvedConfig);

/** Fills in the defaults for every key the file leaves out. */
export function resolveConfig(config: PalisadeConfig): ResolvedConfig {
  return { ...CONFIG_DEFAULTS, ...config };
}
