// Dart Pub (pub_semver): SemVer precedence, except that build metadata counts. A version with a
// build sorts after the same version without one, and builds compare like prerelease identifiers
// (https://github.com/dart-lang/pub_semver/blob/master/lib/src/version.dart, `compareTo`).
import type { SemverModel } from './semver.ts';
import { compareIdentifiers, compareSemver, parseSemver } from './semver.ts';
import { defineScheme } from './scheme.ts';

export function comparePub(a: SemverModel, b: SemverModel): number {
  const order = compareSemver(a, b);
  if (order !== 0) return order;
  if (a.build.length === 0 || b.build.length === 0) return Math.sign(a.build.length - b.build.length);
  return compareIdentifiers(a.build, b.build);
}

export const pubScheme = defineScheme({ id: 'pub', parse: parseSemver, compare: comparePub });
