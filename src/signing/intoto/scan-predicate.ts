import { createHash } from 'node:crypto';
import type { Report } from '../../core/report.ts';
import type { PalisadeScanPredicate } from './predicates.ts';

export interface ScanPredicateInput {
  readonly report: Report;
  /** Ids of every rule that ran (not only those that found something). */
  readonly ruleIds: readonly string[];
  readonly packs: readonly string[];
  /** When the advisory database was last updated; absent when the scan used none. */
  readonly databaseUpdatedAt?: Date;
  /** When the scan finished. */
  readonly finishedAt: Date;
}

/** The `palisade-scan` predicate of a finished scan: what `scan --attest` signs. */
export function buildScanPredicate(input: ScanPredicateInput): PalisadeScanPredicate {
  const { report, finishedAt, databaseUpdatedAt } = input;
  const ids = [...new Set(input.ruleIds)].sort();
  const database =
    databaseUpdatedAt === undefined
      ? { updatedAt: null, ageSeconds: null }
      : { updatedAt: databaseUpdatedAt.toISOString(), ageSeconds: Math.max(0, Math.floor((finishedAt.getTime() - databaseUpdatedAt.getTime()) / 1000)) };
  return {
    scanner: { name: 'palisade', version: report.tool.version },
    database,
    ruleSet: { count: ids.length, packs: [...input.packs].sort(), digest: `sha256:${createHash('sha256').update(ids.join('\n')).digest('hex')}` },
    counts: { ...report.summary.bySeverity },
    verdict: report.summary.failing > 0 ? 'fail' : 'pass',
    failOn: report.summary.failOn,
    timestamp: finishedAt.toISOString(),
  };
}
