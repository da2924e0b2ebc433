// In-memory advisory sources: for advisory folders named in `.palisade.yaml` (read on each scan) and tests.
import { resolve } from 'node:path';
import type { ScanError } from '../../core/index.ts';
import type { AdvisorySource, OsvRecord } from '../osv.ts';
import { readAdvisoryInput } from './inputs.ts';
import { baseEcosystem, normalizePackageName } from './names.ts';
import { MAX_ADVISORY_BYTES, parseOsvRecord } from './record.ts';
import { canonicalTimestamp } from './timestamp.ts';

export interface LoadedAdvisories extends AdvisorySource {
  /** Every valid record (withdrawn ones included; the matcher skips them), newest revision per id, by id. */
  readonly records: readonly OsvRecord[];
  /** Files and records that were not loaded, each with its reason and position. */
  readonly skipped: readonly ScanError[];
  /** Ecosystems Palisade cannot order versions for → how many records name them. */
  readonly unknownEcosystems: Readonly<Record<string, number>>;
}

function keyOf(ecosystem: string, name: string): string {
  const base = baseEcosystem(ecosystem);
  return `${base}\u0000${normalizePackageName(base, name)}`;
}

/** An AdvisorySource over records already in memory; for one id the newest `modified` wins. */
export function createMemoryAdvisorySource(records: readonly OsvRecord[]): AdvisorySource & { readonly records: readonly OsvRecord[] } {
  const byId = new Map<string, OsvRecord>();
  for (const record of records) {
    const stored = byId.get(record.id);
    const newer = stored === undefined || (canonicalTimestamp(record.modified) ?? '') > (canonicalTimestamp(stored.modified) ?? '');
    if (newer) byId.set(record.id, record);
  }
  const index = new Map<string, OsvRecord[]>();
  const sorted = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const record of sorted) {
    const keys = new Set((record.affected ?? []).flatMap((affected) => (affected.package === undefined ? [] : [keyOf(affected.package.ecosystem, affected.package.name)])));
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), record]);
  }
  return {
    records: sorted,
    advisoriesFor: (ecosystem, name) => index.get(keyOf(ecosystem, name)) ?? [],
  };
}

/**
 * Reads an advisory folder (every *.json below it; a .json file or an OSV zip also works) into memory,
 * with the same checks as `palisade db import`. Bad files are listed in `skipped`; the rest load.
 */
export async function loadAdvisoryFolder(path: string): Promise<LoadedAdvisories> {
  const records: OsvRecord[] = [];
  const skipped: ScanError[] = [];
  const unknownEcosystems: Record<string, number> = {};
  for await (const item of readAdvisoryInput(resolve(path), MAX_ADVISORY_BYTES)) {
    if (item.kind === 'problem') {
      skipped.push(item.problem);
      continue;
    }
    const parsed = parseOsvRecord(item.text, item.path);
    if (!parsed.ok) {
      const { line, column } = parsed.error.position ?? {};
      skipped.push({ path: item.path, code: parsed.error.code, message: parsed.error.message, ...(line === undefined ? {} : { startLine: line }), ...(column === undefined ? {} : { startColumn: column }) });
      continue;
    }
    records.push(parsed.value.record);
    for (const ecosystem of parsed.value.unknownEcosystems) unknownEcosystems[ecosystem] = (unknownEcosystems[ecosystem] ?? 0) + 1;
  }
  const source = createMemoryAdvisorySource(records);
  return { records: source.records, advisoriesFor: source.advisoriesFor, skipped, unknownEcosystems };
}
