// What `cluster images` judges with, opened once: the verification policy and the advisory database
// (or why there is none). The CLI adds the watch store and the matcher (both the watch area's).
import { readFile } from 'node:fs/promises';
import { isPalisadeError } from '../core/index.ts';
import type { VerifyPolicy } from '../signing/verify/index.ts';
import { loadVerifyPolicy } from '../signing/verify/index.ts';
import type { AdvisoryDatabase } from '../vuln/index.ts';
import { defaultDatabasePath, openAdvisoryDatabase } from '../vuln/index.ts';

export interface ImageJudges {
  readonly policy?: { readonly policy: VerifyPolicy; readonly text: string };
  /** The open database and a label naming it, or why there is none (a sentence). */
  readonly database: { readonly database: AdvisoryDatabase; readonly label: string } | { readonly unavailable: string };
  close(): void;
}

/**
 * Loads the policy (an unreadable or invalid one is POLICY_INVALID: exit 2) and opens the database:
 * `databasePath`, else `$PALISADE_DB`, else the path `palisade db update` writes. A missing database is
 * no error: the vulnerability statuses say so (a scan attestation may still give counts).
 */
export async function loadImageJudges(input: { readonly policyPath?: string; readonly databasePath?: string; readonly env: Readonly<Record<string, string | undefined>> }): Promise<ImageJudges> {
  const policy = input.policyPath === undefined ? undefined : { policy: await loadVerifyPolicy(input.policyPath), text: await readFile(input.policyPath, 'utf8') };
  const path = input.databasePath ?? defaultDatabasePath(input.env);
  const database = openDatabase(path);
  return {
    ...(policy === undefined ? {} : { policy }),
    database,
    close() {
      if ('database' in database) database.database.close();
    },
  };
}

function openDatabase(path: string): ImageJudges['database'] {
  try {
    const database = openAdvisoryDatabase(path);
    return { database, label: `the advisory database ${path} (built ${database.meta.builtAt ?? 'at an unknown time'})` };
  } catch (error) {
    if (!isPalisadeError(error) || error.code !== 'DB_UNAVAILABLE') throw error;
    return { unavailable: `no advisory database at ${path} (run palisade db update, or give --db FILE)` };
  }
}
