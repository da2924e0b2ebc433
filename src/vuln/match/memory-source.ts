// An AdvisorySource over records held in memory: tests, benchmarks, and small advisory sets.
import type { AdvisorySource, OsvRecord } from '../osv.ts';
import { baseEcosystem, normalisePackageName } from './identity.ts';

/** Indexes records by each `affected[].package`: bare ecosystem and name as the ecosystem compares it (PEP 503 for PyPI …). */
export function createMemorySource(records: Iterable<OsvRecord>): AdvisorySource & { readonly size: number } {
  const index = new Map<string, OsvRecord[]>();
  let size = 0;
  for (const record of records) {
    size += 1;
    const keys = new Set((record.affected ?? []).flatMap((affected) => (affected.package === undefined ? [] : [keyOf(baseEcosystem(affected.package.ecosystem), affected.package.name)])));
    for (const key of keys) {
      const list = index.get(key);
      if (list === undefined) index.set(key, [record]);
      else list.push(record);
    }
  }
  return {
    size,
    advisoriesFor: (ecosystem: string, name: string): readonly OsvRecord[] => index.get(keyOf(ecosystem, name)) ?? [],
  };
}

function keyOf(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${normalisePackageName(ecosystem, name)}`;
}
