/** Severities, most severe first. The order is the contract for thresholds and sorting. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** A threshold is a severity, or `none` (never fail). */
export type Threshold = Severity | 'none';

const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const satisfies Record<Severity, number>;

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

export function isThreshold(value: unknown): value is Threshold {
  return value === 'none' || isSeverity(value);
}

/** Higher is more severe: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** True when `severity` is at or above `threshold`; `none` is never reached. */
export function meetsThreshold(severity: Severity, threshold: Threshold): boolean {
  if (threshold === 'none') return false;
  return RANK[severity] >= RANK[threshold];
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
