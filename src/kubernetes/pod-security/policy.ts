/**
 * Levels and versions of the Pod Security Standards, parsed as pod-security-admission's `api`
 * package parses them (`ParseLevel`, `ParseVersion`, `PolicyToEvaluate` for the enforce labels).
 */

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;

export type PssLevel = (typeof PSS_LEVELS)[number];

/** The levels a rule option may name (`privileged` means no checks; it is allowed only in labels). */
export const OPTION_LEVELS = ['baseline', 'restricted'] as const;

/** `latest` or `v1.N` (upstream's `versionRegexp`). */
export const VERSION_PATTERN = '^(latest|v1\\.(0|[1-9][0-9]*))$';

const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;

export const ENFORCE_LEVEL_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** A level and version as written (`restricted` + `latest`, `baseline` + `v1.29`). */
export interface PssPolicy {
  readonly level: PssLevel;
  /** `latest` or `v1.N`. */
  readonly version: string;
}

/** The rule options every Pod Security rule shares (pack `pod-security`). */
export interface PssOptions {
  readonly level: 'baseline' | 'restricted';
  readonly version: string;
}

export const PSS_DEFAULT_OPTIONS: PssOptions = { level: 'restricted', version: 'latest' };

export function isPssLevel(value: string): value is PssLevel {
  return PSS_LEVELS.some((level) => level === value);
}

/** The minor version of `v1.N`; undefined for `latest` or an invalid version. */
export function minorOf(version: string): number | undefined {
  const match = VERSION_RE.exec(version);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The policy version that decides: `latest` and anything newer than the newest version a check was
 * defined for resolve to that newest version (`maxMinor`), as the upstream registry clamps them.
 */
export function resolveMinor(version: string, maxMinor: number): number {
  const minor = minorOf(version);
  return minor === undefined ? maxMinor : Math.min(minor, maxMinor);
}

/**
 * A namespace's enforce labels over the defaults (upstream `PolicyToEvaluate`): an invalid level reads
 * as `restricted` and an invalid version as `latest` (fail closed); an absent label keeps the default.
 */
export function policyFromLabels(labels: Readonly<Record<string, unknown>> | undefined, defaults: PssPolicy): PssPolicy {
  if (labels === undefined) return defaults;
  const level = labels[ENFORCE_LEVEL_LABEL];
  const version = labels[ENFORCE_VERSION_LABEL];
  return {
    level: level === undefined ? defaults.level : typeof level === 'string' && isPssLevel(level) ? level : 'restricted',
    version: version === undefined ? defaults.version : typeof version === 'string' && (version === 'latest' || VERSION_RE.test(version)) ? version : 'latest',
  };
}

/** `restricted:latest`, as upstream prints a level and version. */
export function policyName(policy: PssPolicy): string {
  return `${policy.level}:${policy.version}`;
}
