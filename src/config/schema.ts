import type { Severity, Threshold } from '../core/index.ts';
import { SEVERITIES } from '../core/index.ts';
import type { ReportFormat } from '../report/formats.ts';
import { REPORT_FORMATS } from '../report/formats.ts';

/** The kinds of check a scan can run. */
export const SCANNERS = ['misconfig', 'secret', 'vuln', 'policy'] as const;

export type Scanner = (typeof SCANNERS)[number];

/** Report formats `format` may name: exactly the reporters'. */
export const OUTPUT_FORMATS: readonly ReportFormat[] = REPORT_FORMATS;

export type OutputFormat = ReportFormat;

/** Every value `failOn` accepts, most severe first. */
export const THRESHOLDS: readonly Threshold[] = Object.freeze([...SEVERITIES, 'none']);

/** The contents of `.palisade.yaml`; every key is optional. */
export interface PalisadeConfig {
  readonly scanners?: readonly Scanner[];
  readonly failOn?: Threshold;
  readonly format?: OutputFormat;
  readonly rules?: readonly string[];
  readonly skipRules?: readonly string[];
  readonly exceptions?: string;
  readonly baseline?: string;
  readonly ignorePaths?: readonly string[];
  readonly maxFileSize?: number;
  /** Uncompressed bytes read from one image layer before the layer is given up (a decompression bomb). */
  readonly maxLayerBytes?: number;
  /** Uncompressed bytes read from all the layers of one image. */
  readonly maxImageBytes?: number;
  /** Severity of matching rules' findings, keyed by a selector (slug, id, alias or pack). */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** Options of rules, keyed by a selector (slug, id, alias or pack); see `resolveRuleOptions`. */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Folders of OSV advisories (an organisation's own), read on every scan beside the database. */
  readonly advisories?: readonly string[];
  /** The advisory database file (default: the user cache, see docs/db.md). */
  readonly vulnerabilityDatabase?: string;
  /** A scan refuses to run on a database older than this (`36h`, `7d`, `2w`). */
  readonly databaseMaxAge?: string;
  /** OpenVEX or CycloneDX VEX documents whose statements waive vulnerability findings. */
  readonly vex?: readonly string[];
  /** Folders (or files) of CEL policies: ValidatingAdmissionPolicies, bindings, params and Palisade Policies. */
  readonly policies?: readonly string[];
}

/** `36h`, `7d`, `2w`: a duration in hours, days or weeks. */
export const DURATION_PATTERN = '^[1-9][0-9]{0,5}[hdw]$';

const nonEmptyString = { type: 'string', minLength: 1 } as const;

const selectorList = {
  type: 'array',
  items: nonEmptyString,
  description: 'Rule selectors: a rule id (`DKR-0001`), a slug (`no-latest-tag`), an alias (`hadolint:DL3007`) or a pack name.',
} as const;

/**
 * JSON Schema (draft-07) of `.palisade.yaml`. Exported for the docs and for editors; `loadConfig`
 * validates with it, so the two cannot drift.
 */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/palisade-dev/palisade/blob/main/docs/configuration.md',
  title: 'Palisade configuration (.palisade.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    scanners: {
      type: 'array',
      items: { type: 'string', enum: SCANNERS },
      uniqueItems: true,
      description: 'The kinds of check to run.',
    },
    failOn: {
      type: 'string',
      enum: THRESHOLDS,
      description: 'Lowest severity that makes the scan fail (exit code 1); `none` never fails.',
    },
    format: { type: 'string', enum: OUTPUT_FORMATS, description: 'Report format (table on a terminal, or a machine-readable format).' },
    rules: selectorList,
    skipRules: selectorList,
    exceptions: { ...nonEmptyString, description: 'Path of the exceptions file, relative to the directory holding the configuration file.' },
    baseline: { ...nonEmptyString, description: 'Path of the baseline file, relative to the directory holding the configuration file.' },
    ignorePaths: {
      type: 'array',
      items: nonEmptyString,
      description: 'Paths to skip, as .gitignore patterns relative to the scan root.',
    },
    maxFileSize: { type: 'integer', minimum: 1, description: 'Files larger than this many bytes are skipped.' },
    maxLayerBytes: { type: 'integer', minimum: 1, description: 'An image layer is read up to this many uncompressed bytes; the rest of a larger layer is skipped with an error.' },
    maxImageBytes: { type: 'integer', minimum: 1, description: 'An image is read up to this many uncompressed bytes over all its layers; later layers are skipped with an error.' },
    severityOverrides: {
      type: 'object',
      additionalProperties: { type: 'string', enum: SEVERITIES },
      description: 'Severity of the findings of matching rules, keyed by a rule selector (slug, id, alias or pack); the last matching entry wins.',
    },
    ruleOptions: {
      type: 'object',
      additionalProperties: { type: 'object' },
      description:
        'Options of rules, keyed by a rule selector (slug, id, alias or pack). Each option goes to every matching rule that declares it; `palisade rules explain <rule>` lists a rule\'s options.',
    },
    advisories: {
      type: 'array',
      items: nonEmptyString,
      description: 'Folders of OSV advisories (JSON), relative to the directory holding the configuration file; matched on every scan beside the database.',
    },
    vulnerabilityDatabase: { ...nonEmptyString, description: 'Path of the advisory database (SQLite), relative to the directory holding the configuration file.' },
    databaseMaxAge: { type: 'string', pattern: DURATION_PATTERN, description: 'Refuse to scan for vulnerabilities with a database older than this: hours, days or weeks (`36h`, `7d`, `2w`).' },
    vex: {
      type: 'array',
      items: nonEmptyString,
      description: 'OpenVEX or CycloneDX VEX documents, relative to the directory holding the configuration file.',
    },
    policies: {
      type: 'array',
      items: nonEmptyString,
      description: 'Folders or files of CEL policies (ValidatingAdmissionPolicy, bindings, params, Palisade Policy), relative to the directory holding the configuration file.',
    },
  },
} as const;
