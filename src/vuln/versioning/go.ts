// Go modules (https://go.dev/ref/mod#versions): SemVer with an optional `v` (OSV writes Go
// versions without it). `+incompatible` is build metadata and is ignored, as golang.org/x/mod/semver
// does (any other build metadata too). Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.2019…-abc`) are
// prereleases whose timestamp orders them, so SemVer precedence already sorts them correctly.
import type { Result } from '../../core/index.ts';
import type { SemverModel } from './semver.ts';
import { compareSemver, parseSemver } from './semver.ts';
import type { ParseProblem } from './scheme.ts';
import { defineScheme, problem } from './scheme.ts';

export function parseGo(text: string): Result<SemverModel, ParseProblem> {
  const parsed = parseSemver(text);
  if (!parsed.ok) return parsed;
  if (parsed.value.release.length > 3) return problem('a Go version has at most three numeric components', 1);
  return parsed;
}

export const goScheme = defineScheme({ id: 'go', parse: parseGo, compare: compareSemver });
