/**
 * Kubernetes semver library: `semver()`, `isSemver()`, `major`, `minor`, `patch`, `compareTo`,
 * `isGreaterThan`, `isLessThan`. Strict Semantic Versioning 2.0.0 (no `v` prefix), as blang/semver's
 * `Parse`; `semver(s, true)` / `isSemver(s, true)` normalise first (drop a leading `v`, fill in
 * missing minor/patch, drop leading zeros), as newer Kubernetes releases do.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { fail } from './support.ts';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export class Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: readonly string[];
  readonly source: string;

  constructor(major: bigint, minor: bigint, patch: bigint, prerelease: readonly string[], source: string) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease;
    this.source = source;
  }

  compareTo(other: unknown): bigint {
    if (!(other instanceof Semver)) return fail('no such overload: compareTo needs a semver');
    for (const key of ['major', 'minor', 'patch'] as const) {
      if (this[key] !== other[key]) return this[key] < other[key] ? -1n : 1n;
    }
    return comparePrerelease(this.prerelease, other.prerelease);
  }

  equals(other: unknown): boolean {
    return other instanceof Semver && this.compareTo(other) === 0n;
  }

  toString(): string {
    return this.source;
  }
}

function comparePrerelease(a: readonly string[], b: readonly string[]): bigint {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0n : a.length === 0 ? 1n : -1n;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) return BigInt(x) < BigInt(y) ? -1n : 1n;
    if (xNum !== yNum) return xNum ? -1n : 1n;
    return x < y ? -1n : 1n;
  }
  return a.length === b.length ? 0n : a.length < b.length ? -1n : 1n;
}

export function parseSemver(text: string, normalize = false): Semver | undefined {
  const source = normalize ? normalizeVersion(text) : text;
  const match = SEMVER.exec(source);
  if (match === null) return undefined;
  const [, major = '0', minor = '0', patch = '0', pre] = match;
  return new Semver(BigInt(major), BigInt(minor), BigInt(patch), pre === undefined ? [] : pre.split('.'), source);
}

function normalizeVersion(text: string): string {
  const trimmed = text.startsWith('v') ? text.slice(1) : text;
  const extraAt = trimmed.search(/[-+]/);
  const core = extraAt < 0 ? trimmed : trimmed.slice(0, extraAt);
  const extra = extraAt < 0 ? '' : trimmed.slice(extraAt);
  const parts = core.split('.');
  if (parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return text;
  while (parts.length < 3) parts.push('0');
  return `${parts.map((p) => p.replace(/^0+(?=\d)/, '')).join('.')}${extra}`;
}

export function registerSemver(env: Environment): void {
  env.registerType('Semver', Semver);
  const make = (s: string, normalize: boolean): Semver => parseSemver(s, normalize) ?? fail(`invalid semver: ${s}`);
  env.registerFunction('semver(string): Semver', (s: string) => make(s, false));
  env.registerFunction('semver(string, bool): Semver', make);
  env.registerFunction('isSemver(string): bool', (s: string) => parseSemver(s) !== undefined);
  env.registerFunction('isSemver(string, bool): bool', (s: string, n: boolean) => parseSemver(s, n) !== undefined);
  env.registerFunction('Semver.major(): int', (v: Semver) => v.major);
  env.registerFunction('Semver.minor(): int', (v: Semver) => v.minor);
  env.registerFunction('Semver.patch(): int', (v: Semver) => v.patch);
  env.registerFunction('Semver.compareTo(Semver): int', (a: Semver, b: Semver) => a.compareTo(b));
  env.registerFunction('Semver.isGreaterThan(Semver): bool', (a: Semver, b: Semver) => a.compareTo(b) > 0n);
  env.registerFunction('Semver.isLessThan(Semver): bool', (a: Semver, b: Semver) => a.compareTo(b) < 0n);
  env.registerOperator('Semver == Semver', (a: Semver, b: Semver) => a.equals(b));
}
