// Parses each (scheme, version text) once per matching run: advisories repeat the same event
// versions across many packages, and Debian `versions` lists hold hundreds of entries.
import type { Result } from '../../core/index.ts';
import type { ParseProblem, Version, VersionScheme } from '../versioning/index.ts';

/** At most this many parsed versions are kept; the cache is cleared when full (bounded memory). */
const MAX_ENTRIES = 500_000;

export class VersionCache {
  readonly #entries = new Map<string, Map<string, Result<Version, ParseProblem>>>();
  #size = 0;
  /** `versions` lists, parsed and sorted once per list and scheme (lists hold hundreds of Debian or Maven versions). */
  readonly #lists = new WeakMap<readonly string[], Map<string, readonly Version[]>>();

  parse(scheme: VersionScheme, text: string): Result<Version, ParseProblem> {
    let byText = this.#entries.get(scheme.id);
    if (byText === undefined) {
      byText = new Map();
      this.#entries.set(scheme.id, byText);
    }
    const cached = byText.get(text);
    if (cached !== undefined) return cached;
    if (this.#size >= MAX_ENTRIES) {
      byText.clear();
      this.#size = 0;
    }
    const parsed = scheme.parse(text);
    byText.set(text, parsed);
    this.#size += 1;
    return parsed;
  }

  /** Whether `version` equals (in the scheme's order) one of `listed`; unparsable entries never match. Binary search. */
  listed(scheme: VersionScheme, listed: readonly string[], version: Version): boolean {
    const sorted = this.#sortedList(scheme, listed);
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = sorted[mid];
      if (candidate === undefined) return false;
      const order = scheme.compare(candidate, version);
      if (order === 0) return true;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  #sortedList(scheme: VersionScheme, listed: readonly string[]): readonly Version[] {
    const byScheme = this.#lists.get(listed) ?? new Map<string, readonly Version[]>();
    this.#lists.set(listed, byScheme);
    const cached = byScheme.get(scheme.id);
    if (cached !== undefined) return cached;
    const sorted = listed.flatMap((text) => {
      const parsed = this.parse(scheme, text);
      return parsed.ok ? [parsed.value] : [];
    });
    sorted.sort((a, b) => scheme.compare(a, b));
    byScheme.set(scheme.id, sorted);
    return sorted;
  }
}
