// NuGet (https://learn.microsoft.com/nuget/concepts/package-versioning): SemVer 2.0 with an
// optional fourth numeric part (missing parts are 0, so 1.0 = 1.0.0.0), prerelease labels compared
// case-insensitively, build metadata ignored. NuGet.Versioning's VersionComparer is the model.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import { comparePrerelease, compareRelease } from './semver.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, defineScheme, problem } from './scheme.ts';

export interface NugetModel {
  readonly release: readonly string[];
  readonly prerelease: readonly string[];
}

const SHAPE = /^[vV]?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseNuget(text: string): Result<NugetModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  const trimmed = text.trim();
  const match = SHAPE.exec(trimmed);
  if (match === null) return problem('not a NuGet version (1 to 4 numbers, then -PRERELEASE and +BUILD)', 1);
  const [, release = '', prerelease] = match;
  return ok({ release: release.split('.'), prerelease: prerelease?.toLowerCase().split('.') ?? [] });
}

export function compareNuget(a: NugetModel, b: NugetModel): number {
  return compareRelease(a.release, b.release) || comparePrerelease(a.prerelease, b.prerelease);
}

export const nugetScheme = defineScheme({ id: 'nuget', parse: parseNuget, compare: compareNuget });
