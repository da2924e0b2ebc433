// Version ordering per ecosystem: the public API of src/vuln/versioning.
import type { Result } from '../../core/index.ts';
import { PalisadeError, err, ok } from '../../core/index.ts';
import { ECOSYSTEM_SCHEMES, schemeIdFor, versionSchemes } from './ecosystems.ts';
import type { SchemeId, Version, VersionScheme } from './scheme.ts';

export type { ParseProblem, SchemeId, Version, VersionScheme } from './scheme.ts';
export { SCHEME_IDS } from './scheme.ts';
export { ECOSYSTEM_SCHEMES, schemeIdFor, versionSchemes };

/** Why a version could not be ordered: the ecosystem has no scheme, or the text is not a version of it. */
export type VersionError =
  | { readonly kind: 'unknown-ecosystem'; readonly ecosystem: string; readonly message: string }
  | {
      readonly kind: 'invalid-version';
      readonly ecosystem: string;
      readonly scheme: SchemeId;
      readonly text: string;
      /** 1-based position in `text` where parsing failed. */
      readonly column: number;
      readonly message: string;
    };

/** The scheme for an OSV ecosystem name (`npm`, `PyPI`, `Debian:12` …). */
export function versionSchemeFor(ecosystem: string): Result<VersionScheme, VersionError> {
  const id = schemeIdFor(ecosystem);
  if (id === undefined) return err({ kind: 'unknown-ecosystem', ecosystem, message: `No version ordering is known for ecosystem "${ecosystem}".` });
  return ok(versionSchemes[id]);
}

/** Parses `text` as a version of `ecosystem`; a failure says why and where. */
export function parseVersion(ecosystem: string, text: string): Result<Version, VersionError> {
  const scheme = versionSchemeFor(ecosystem);
  if (!scheme.ok) return scheme;
  const parsed = scheme.value.parse(text);
  if (parsed.ok) return parsed;
  const { reason, column } = parsed.error;
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return err({ kind: 'invalid-version', ecosystem, scheme: scheme.value.id, text, column, message: `Invalid ${ecosystem} version "${shown}" at column ${column}: ${reason}.` });
}

/** Compares two versions of one ecosystem: negative, zero or positive; a typed failure for bad input. */
export function tryCompareVersions(ecosystem: string, a: string, b: string): Result<number, VersionError> {
  const left = parseVersion(ecosystem, a);
  if (!left.ok) return left;
  const right = parseVersion(ecosystem, b);
  if (!right.ok) return right;
  const scheme = versionSchemes[left.value.scheme];
  return ok(scheme.compare(left.value, right.value));
}

/**
 * Compares two versions of one OSV ecosystem: negative when `a` < `b`, zero when equal, positive
 * when greater. Throws a PalisadeError (code PARSE_FAILED, the VersionError as `cause`) for an
 * unknown ecosystem or an unparsable version; use tryCompareVersions to get a Result instead.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const result = tryCompareVersions(ecosystem, a, b);
  if (result.ok) return result.value;
  throw new PalisadeError('PARSE_FAILED', result.error.message, { cause: result.error });
}
