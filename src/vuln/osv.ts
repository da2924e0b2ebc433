/**
 * The OSV advisory format (https://ossf.github.io/osv-schema/), as far as Palisade reads it.
 * Shared contract between the advisory database (src/vuln/db) and the matcher (src/vuln/match):
 * the database stores and returns validated records; the matcher reads only these fields.
 */

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: OsvRangeType;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvPackage {
  /** OSV ecosystem, possibly with a release suffix: `npm`, `PyPI`, `Debian:12`, `Alpine:v3.19`. */
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
}

export interface OsvSeverity {
  readonly type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu' | (string & {});
  readonly score: string;
}

export interface OsvAffected {
  readonly package?: OsvPackage;
  readonly severity?: readonly OsvSeverity[];
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvReference {
  readonly type: string;
  readonly url: string;
}

export interface OsvRecord {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[];
  readonly related?: readonly string[];
  readonly upstream?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[];
  readonly affected?: readonly OsvAffected[];
  readonly references?: readonly OsvReference[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/**
 * Where the matcher gets advisories from: the SQLite database, or an in-memory set in tests and
 * for advisory folders named in `.palisade.yaml`. `ecosystem` is the bare OSV ecosystem (`Debian`,
 * not `Debian:12`); implementations return every record with an `affected[]` entry for that package
 * in that ecosystem (any release suffix) and leave range evaluation to the matcher.
 */
export interface AdvisorySource {
  advisoriesFor(ecosystem: string, name: string): readonly OsvRecord[];
}
