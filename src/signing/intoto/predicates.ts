import { PalisadeError } from '../../core/errors.ts';
import type { Severity } from '../../core/severity.ts';

/** Short names accepted by `--type`, as cosign names them, plus Palisade's own scan result. */
export const PREDICATE_TYPES = Object.freeze({
  custom: 'https://cosign.sigstore.dev/attestation/v1',
  cyclonedx: 'https://cyclonedx.org/bom',
  link: 'https://in-toto.io/Link/v1',
  openvex: 'https://openvex.dev/ns',
  'palisade-scan': 'https://palisade.dev/attestations/scan/v1',
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  spdxjson: 'https://spdx.dev/Document',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
} as const);

export type PredicateName = keyof typeof PREDICATE_TYPES;

export const PALISADE_SCAN_PREDICATE_TYPE = PREDICATE_TYPES['palisade-scan'];

/** A short name from PREDICATE_TYPES, or an absolute URI used as is; anything else is a USAGE error. */
export function resolvePredicateType(nameOrUri: string): string {
  const known = Object.entries(PREDICATE_TYPES).find(([name]) => name === nameOrUri);
  if (known !== undefined) return known[1];
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(nameOrUri) || /^urn:\S+$/i.test(nameOrUri)) return nameOrUri;
  throw new PalisadeError(
    'USAGE',
    `Unknown attestation type "${nameOrUri}"; use one of ${Object.keys(PREDICATE_TYPES).join(', ')} or a predicate type URI`,
  );
}

/**
 * The predicate of `https://palisade.dev/attestations/scan/v1`: what scanned, against which data,
 * with which rules, what it found and the verdict. Documented in docs/signing.md.
 */
export interface PalisadeScanPredicate {
  readonly scanner: { readonly name: 'palisade'; readonly version: string };
  /** When the advisory database was last updated (RFC 3339), or null when no database was used. */
  readonly database: { readonly updatedAt: string | null; readonly ageSeconds: number | null };
  /** The rules that ran: how many, the packs, and a sha256 over the sorted rule ids joined by newlines. */
  readonly ruleSet: { readonly count: number; readonly packs: readonly string[]; readonly digest: string };
  readonly counts: Readonly<Record<Severity, number>>;
  /** The gate's outcome with the run's threshold. */
  readonly verdict: 'pass' | 'fail';
  readonly failOn: Severity | 'none';
  /** When the scan finished (RFC 3339). */
  readonly timestamp: string;
}

/**
 * The time an attestation speaks for, taken from the predicate (an unsigned envelope has no other
 * clock): the scan, build or document time each predicate type records. Undefined when none.
 */
export function predicateTime(predicateType: string, predicate: unknown): Date | undefined {
  const paths = TIME_PATHS.find(([type]) => type === predicateType)?.[1] ?? GENERIC_TIME_PATHS;
  for (const path of paths) {
    const value = at(predicate, path);
    if (typeof value !== 'string') continue;
    const time = new Date(value);
    if (!Number.isNaN(time.getTime())) return time;
  }
  return undefined;
}

const TIME_PATHS: readonly (readonly [string, readonly (readonly string[])[]])[] = [
  [PREDICATE_TYPES['palisade-scan'], [['timestamp']]],
  [PREDICATE_TYPES.vuln, [['metadata', 'scanFinishedOn'], ['metadata', 'scanStartedOn']]],
  [PREDICATE_TYPES.custom, [['Timestamp'], ['timestamp']]],
  [PREDICATE_TYPES.cyclonedx, [['metadata', 'timestamp']]],
  [PREDICATE_TYPES.spdx, [['creationInfo', 'created']]],
  [PREDICATE_TYPES.slsaprovenance, [['metadata', 'buildFinishedOn'], ['metadata', 'buildStartedOn']]],
  [PREDICATE_TYPES.slsaprovenance1, [['runDetails', 'metadata', 'finishedOn'], ['runDetails', 'metadata', 'startedOn']]],
  [PREDICATE_TYPES.openvex, [['timestamp']]],
];

const GENERIC_TIME_PATHS: readonly (readonly string[])[] = [['timestamp'], ['Timestamp'], ['metadata', 'timestamp']];

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, key) ? Object.getOwnPropertyDescriptor(current, key)?.value : undefined;
  }
  return current;
}
