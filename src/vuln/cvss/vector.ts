// CVSS vector validation (v3.0, v3.1, v4.0). ae-cvss-calculator accepts malformed vectors, so every
// vector is checked here first: known prefix, known metrics and values, no duplicates, every base
// metric present, and (v4.0 only, as its specification requires) metrics in the specification's order.
import type { Result } from '../../core/index.ts';
import { err, ok } from '../../core/index.ts';

export type CvssVersion = '3.0' | '3.1' | '4.0';

export interface CvssVector {
  readonly version: CvssVersion;
  /** The vector as given (the cache key). */
  readonly text: string;
  /** Metric → value, in the order written. */
  readonly metrics: ReadonlyMap<string, string>;
}

/** Why a vector is malformed; `column` is 1-based in the vector text. */
export interface CvssProblem {
  readonly reason: string;
  readonly column: number;
}

type MetricTable = readonly (readonly [metric: string, values: readonly string[]])[];

const CIA = ['H', 'L', 'N'];
const REQ = ['X', 'H', 'M', 'L'];

const V3_METRICS: MetricTable = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'R']],
  ['S', ['U', 'C']],
  ['C', CIA],
  ['I', CIA],
  ['A', CIA],
  ['E', ['X', 'H', 'F', 'P', 'U']],
  ['RL', ['X', 'U', 'W', 'T', 'O']],
  ['RC', ['X', 'C', 'R', 'U']],
  ['CR', REQ],
  ['IR', REQ],
  ['AR', REQ],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MPR', ['X', 'N', 'L', 'H']],
  ['MUI', ['X', 'N', 'R']],
  ['MS', ['X', 'U', 'C']],
  ['MC', ['X', 'N', 'L', 'H']],
  ['MI', ['X', 'N', 'L', 'H']],
  ['MA', ['X', 'N', 'L', 'H']],
];
const V3_BASE = 8;

const MOD_CIA = ['X', 'H', 'L', 'N'];
const V4_METRICS: MetricTable = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['AT', ['N', 'P']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'P', 'A']],
  ['VC', CIA],
  ['VI', CIA],
  ['VA', CIA],
  ['SC', CIA],
  ['SI', CIA],
  ['SA', CIA],
  ['E', ['X', 'A', 'P', 'U']],
  ['CR', REQ],
  ['IR', REQ],
  ['AR', REQ],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MAT', ['X', 'N', 'P']],
  ['MPR', ['X', 'N', 'L', 'H']],
  ['MUI', ['X', 'N', 'P', 'A']],
  ['MVC', MOD_CIA],
  ['MVI', MOD_CIA],
  ['MVA', MOD_CIA],
  ['MSC', MOD_CIA],
  ['MSI', ['X', 'S', 'H', 'L', 'N']],
  ['MSA', ['X', 'S', 'H', 'L', 'N']],
  ['S', ['X', 'N', 'P']],
  ['AU', ['X', 'N', 'Y']],
  ['R', ['X', 'A', 'U', 'I']],
  ['V', ['X', 'D', 'C']],
  ['RE', ['X', 'L', 'M', 'H']],
  ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']],
];
const V4_BASE = 11;

const PREFIXES: readonly (readonly [prefix: string, version: CvssVersion])[] = [
  ['CVSS:3.0/', '3.0'],
  ['CVSS:3.1/', '3.1'],
  ['CVSS:4.0/', '4.0'],
];

/** A vector longer than this is not a CVSS vector (the longest v4.0 vector is about 200 characters). */
const MAX_VECTOR_LENGTH = 512;

function problem(reason: string, column: number): Result<never, CvssProblem> {
  return err({ reason, column });
}

/** Parses and validates a CVSS v3.0, v3.1 or v4.0 vector string. */
export function parseCvssVector(text: string): Result<CvssVector, CvssProblem> {
  if (text.length > MAX_VECTOR_LENGTH) return problem(`vector longer than ${MAX_VECTOR_LENGTH} characters`, MAX_VECTOR_LENGTH + 1);
  const prefix = PREFIXES.find(([candidate]) => text.startsWith(candidate));
  if (prefix === undefined) return problem('expected "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/"', 1);
  const [prefixText, version] = prefix;
  const table = version === '4.0' ? V4_METRICS : V3_METRICS;
  const metrics = readMetrics(text, prefixText.length, table, version === '4.0');
  if (!metrics.ok) return metrics;
  const missing = table.slice(0, version === '4.0' ? V4_BASE : V3_BASE).find(([metric]) => !metrics.value.has(metric));
  if (missing !== undefined) return problem(`base metric ${missing[0]} is missing`, text.length + 1);
  return ok({ version, text, metrics: metrics.value });
}

function readMetrics(text: string, start: number, table: MetricTable, ordered: boolean): Result<Map<string, string>, CvssProblem> {
  const known = new Map(table.map(([metric, values], index) => [metric, { values, index }]));
  const metrics = new Map<string, string>();
  let lastIndex = -1;
  let column = start + 1;
  for (const part of text.slice(start).split('/')) {
    const colon = part.indexOf(':');
    const metric = colon === -1 ? part : part.slice(0, colon);
    const value = colon === -1 ? '' : part.slice(colon + 1);
    const spec = known.get(metric);
    if (spec === undefined) return problem(part === '' ? 'empty metric' : `unknown metric "${metric}"`, column);
    if (metrics.has(metric)) return problem(`metric ${metric} given twice`, column);
    if (!spec.values.includes(value)) return problem(`invalid value "${value}" for metric ${metric} (expected ${spec.values.join(', ')})`, column + metric.length + 1);
    if (ordered && spec.index < lastIndex) return problem(`metric ${metric} out of order`, column);
    lastIndex = spec.index;
    metrics.set(metric, value);
    column += part.length + 1;
  }
  return ok(metrics);
}
