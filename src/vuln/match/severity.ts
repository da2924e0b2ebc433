// A vulnerability's severity: from a valid CVSS v4.0 or v3.x vector (the matched `affected` entry's
// own `severity` first, then the record's), scored with the CVSS qualitative scale; else the
// database's own rating (GHSA LOW/MODERATE/HIGH/CRITICAL in `database_specific.severity`, the
// `Ubuntu` severity type, Debian's `urgency`); else medium, with a note.
import type { CvssScore, Severity } from '../../core/index.ts';
import type { CvssCalculator } from '../cvss/index.ts';
import { severityFromScore } from '../cvss/index.ts';
import type { OsvSeverity } from '../osv.ts';
import type { RecordMatch } from './aliases.ts';

export interface SeverityVerdict {
  readonly severity: Severity;
  readonly cvss: CvssScore | undefined;
  /** Where the severity came from. */
  readonly basis: 'cvss' | 'database' | 'default';
  /** Malformed vectors met on the way: `<record id>: <vector>: <reason>`. */
  readonly problems: readonly string[];
}

const CVSS_TYPES = ['CVSS_V4', 'CVSS_V3'] as const;

/** Database ratings (lower-cased) → Palisade severities. */
const RATINGS: ReadonlyMap<string, Severity> = new Map([
  ['critical', 'critical'],
  ['high', 'high'],
  ['important', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['negligible', 'low'],
  ['unimportant', 'low'],
]);

function severityLists(match: RecordMatch): (readonly OsvSeverity[])[] {
  return [...match.affected.map((affected) => affected.severity ?? []), match.record.severity ?? []];
}

/** The severity of a group of records (the preferred record first). */
export function severityOf(matches: readonly RecordMatch[], calculator: CvssCalculator): SeverityVerdict {
  const problems: string[] = [];
  for (const candidate of cvssCandidates(matches)) {
    const scored = calculator.score(candidate.vector);
    if (scored.ok) return { severity: severityFromScore(scored.value.score), cvss: scored.value, basis: 'cvss', problems };
    problems.push(`${candidate.id}: "${candidate.vector.slice(0, 120)}": ${scored.error.reason} at column ${scored.error.column}`);
  }
  for (const match of matches) {
    const rating = databaseRating(match);
    if (rating !== undefined) return { severity: rating, cvss: undefined, basis: 'database', problems };
  }
  return { severity: 'medium', cvss: undefined, basis: 'default', problems };
}

/** Vectors in preference order: per record, CVSS v4 before v3, the affected entry's before the record's. */
function cvssCandidates(matches: readonly RecordMatch[]): { readonly id: string; readonly vector: string }[] {
  return matches.flatMap((match) =>
    CVSS_TYPES.flatMap((type) => severityLists(match).flatMap((list) => list.filter((item) => item.type === type).map((item) => ({ id: match.record.id, vector: item.score })))),
  );
}

function databaseRating(match: RecordMatch): Severity | undefined {
  const texts: unknown[] = [
    match.record.database_specific?.['severity'],
    ...match.affected.map((affected) => affected.database_specific?.['severity']),
    ...severityLists(match).flatMap((list) => list.filter((item) => item.type === 'Ubuntu').map((item) => item.score)),
    ...match.affected.map((affected) => affected.ecosystem_specific?.['urgency']),
  ];
  for (const text of texts) {
    const rating = typeof text === 'string' ? RATINGS.get(text.trim().toLowerCase()) : undefined;
    if (rating !== undefined) return rating;
  }
  return undefined;
}
