import { existsSync } from 'node:fs';
import type { Finding, ScanError } from '../core/index.ts';
import { PalisadeError } from '../core/index.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import { defaultDatabasePath } from '../vuln/db/paths.ts';
import type { AdvisorySource, OsvRecord } from '../vuln/index.ts';

type Vuln = typeof import('../vuln/index.ts');

const NO_ADVISORIES = 'No advisory database and no advisory folders: dependencies were not checked for vulnerabilities. Run `palisade db update` (or `palisade db import <dir|zip>` offline).';

export interface VulnStageInput {
  readonly inventories: readonly PackageInventoryArtifact[];
  /** `--db` or `vulnerabilityDatabase` (absolute); undefined: the default path, which may not exist. */
  readonly databasePath: string | undefined;
  /** `--db-max-age` or `databaseMaxAge`, in ms. */
  readonly maxAgeMs: number | undefined;
  /** Advisory folders (absolute) from `.palisade.yaml`. */
  readonly advisoryFolders: readonly string[];
  /** VEX documents: absolute path and the path as shown. */
  readonly vex: readonly { readonly path: string; readonly shown: string }[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

export interface VulnStageResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly notices: string[];
  /** When the advisory database matched against was last updated (ISO), when one was used. */
  readonly databaseBuiltAt?: string;
}

/**
 * Vulnerability matching: every package inventory against the advisory database and the configured
 * advisory folders, then VEX statements. Without any advisories the scan says so (a notice) and
 * reports no vulnerabilities rather than failing; `--db-max-age` makes a stale database an error.
 */
export async function runVulnStage(input: VulnStageInput): Promise<VulnStageResult> {
  // Without any advisory source, the vulnerability area (SQLite, CVSS, version orderings) is not loaded.
  if (input.databasePath === undefined && input.advisoryFolders.length === 0 && !existsSync(defaultDatabasePath(input.env))) {
    if (input.maxAgeMs !== undefined) throw noDatabase(defaultDatabasePath(input.env));
    return { findings: [], errors: [], notices: input.inventories.length > 0 ? [NO_ADVISORIES] : [] };
  }
  const vuln = await import('../vuln/index.ts');
  const { CvssCalculator, VersionCache, loadAdvisoryFolder, vulnerabilityFindings } = vuln;
  const errors: ScanError[] = [];
  const notices: string[] = [];
  const sources: AdvisorySource[] = [];
  const database = openDatabase(vuln, input, notices);
  if (database !== undefined) sources.push(database);
  for (const folder of input.advisoryFolders) {
    const loaded = await loadAdvisoryFolder(folder);
    errors.push(...loaded.skipped);
    sources.push(loaded);
  }
  try {
    if (sources.length === 0) {
      if (input.inventories.length > 0) notices.push(NO_ADVISORIES);
      return { findings: [], errors, notices };
    }
    const source = combine(sources);
    const options = { cvss: new CvssCalculator(), versions: new VersionCache() };
    let findings: Finding[] = [];
    for (const inventory of input.inventories) {
      const result = vulnerabilityFindings(inventory, source, options);
      findings.push(...result.findings);
    }
    findings = await applyVexFiles(vuln, findings, input.vex);
    const builtAt = database?.meta.builtAt;
    return { findings, errors, notices, ...(builtAt === undefined ? {} : { databaseBuiltAt: builtAt }) };
  } finally {
    database?.close();
  }
}

function noDatabase(path: string): PalisadeError {
  return new PalisadeError('DB_UNAVAILABLE', `No advisory database at ${path}, and a maximum age is set.`, { position: { path } });
}

function openDatabase(vuln: Vuln, input: VulnStageInput, notices: string[]): ReturnType<Vuln['openAdvisoryDatabase']> | undefined {
  const { checkDatabaseAge, openAdvisoryDatabase } = vuln;
  const explicit = input.databasePath !== undefined;
  const path = input.databasePath ?? defaultDatabasePath(input.env);
  if (!explicit && !existsSync(path)) {
    if (input.maxAgeMs !== undefined) throw noDatabase(path);
    return undefined;
  }
  const database = openAdvisoryDatabase(path);
  try {
    const notice = checkDatabaseAge(database.meta, input.maxAgeMs, { now: input.now.getTime() });
    if (notice !== undefined) notices.push(notice);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/** One source over several: every record for the package, one per id (the newest `modified`). */
function combine(sources: readonly AdvisorySource[]): AdvisorySource {
  if (sources.length === 1 && sources[0] !== undefined) return sources[0];
  return {
    advisoriesFor(ecosystem, name) {
      const byId = new Map<string, OsvRecord>();
      for (const source of sources) {
        for (const record of source.advisoriesFor(ecosystem, name)) {
          const seen = byId.get(record.id);
          if (seen === undefined || seen.modified < record.modified) byId.set(record.id, record);
        }
      }
      return [...byId.values()];
    },
  };
}

async function applyVexFiles(vuln: Vuln, findings: Finding[], files: VulnStageInput['vex']): Promise<Finding[]> {
  const { applyVex, readVexFile } = vuln;
  let current = findings;
  for (const file of files) {
    const document = await readVexFile(file.path, file.shown);
    if (!document.ok) throw document.error;
    current = applyVex(current, document.value.statements).findings;
  }
  return current;
}
