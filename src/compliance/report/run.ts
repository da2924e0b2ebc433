import { PalisadeError } from '../../core/index.ts';
import { ruleMetas } from '../../catalog.ts';
import type { ScanOptions } from '../../scan/run-scan.ts';
import { runScan } from '../../scan/run-scan.ts';
import { resolveSettings } from '../../scan/settings.ts';
import type { Framework } from '../framework.ts';
import { frameworks } from '../frameworks/index.ts';
import { VULN_CHECK, checksOf } from '../evidence.ts';
import type { AdvisoryDatabaseMeta } from '../../vuln/index.ts';
import { defaultDatabasePath, readDatabaseMeta } from '../../vuln/index.ts';
import type { ComplianceReport, DatabaseInfo, ScannedTarget } from './model.ts';
import { buildComplianceReport } from './model.ts';
import { checksRunFor } from './checks-run.ts';

export interface ComplianceScanOptions extends Omit<ScanOptions, 'target'> {
  readonly targets: readonly string[];
  readonly framework: string;
}

/** Scans each target in turn (as `palisade scan` would) and evaluates the framework over all of them. */
export async function runComplianceScan(options: ComplianceScanOptions): Promise<{ report: ComplianceReport; notices: string[] }> {
  const framework = findFramework(options.framework);
  const { targets, framework: _framework, ...scanOptions } = options;
  if (targets.length === 0) throw new PalisadeError('USAGE', 'compliance report needs at least one target');
  const scanned: ScannedTarget[] = [];
  const notices: string[] = [];
  let databasePath: string | undefined;
  for (const target of targets) {
    const outcome = await runScan({ ...scanOptions, target });
    const settings = await resolveSettings({ ...scanOptions, target });
    const checksRun = checksRunFor(target, settings);
    scanned.push({ report: outcome.report, checksRun });
    notices.push(...outcome.notices.map((notice) => `${target}: ${notice}`));
    if (checksRun.includes(VULN_CHECK)) databasePath ??= settings.vulnerabilities.databasePath ?? defaultDatabasePath(options.env ?? process.env);
  }
  const now = options.now ?? new Date();
  const database = databasePath === undefined ? undefined : databaseInfo(databasePath, now);
  const report = buildComplianceReport({ framework, targets: scanned, checks: checksOf(ruleMetas), generatedAt: now.toISOString(), ...(database === undefined ? {} : { database }) });
  return { report, notices };
}

/** The database's path, build time, age and size; undefined when there is none (advisory folders only). */
function databaseInfo(path: string, now: Date): DatabaseInfo | undefined {
  let meta: AdvisoryDatabaseMeta;
  try {
    meta = readDatabaseMeta(path);
  } catch {
    return undefined;
  }
  const built = meta.builtAt === undefined ? Number.NaN : Date.parse(meta.builtAt);
  return {
    path: meta.path,
    ...(meta.builtAt === undefined ? {} : { builtAt: meta.builtAt }),
    ...(Number.isNaN(built) ? {} : { ageHours: Math.max(0, Math.floor((now.getTime() - built) / 3_600_000)) }),
    recordCount: meta.recordCount,
  };
}

export function findFramework(id: string): Framework {
  const framework = frameworks.find((candidate) => candidate.id === id);
  if (framework === undefined) throw new PalisadeError('USAGE', `Unknown framework "${id}"; expected one of ${frameworks.map((candidate) => candidate.id).join(', ')}`);
  return framework;
}
