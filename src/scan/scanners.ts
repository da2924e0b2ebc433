import type { FindingKind } from '../core/index.ts';
import type { Scanner } from '../config/schema.ts';

export type { Scanner } from '../config/schema.ts';
export { SCANNERS } from '../config/schema.ts';

/** Which findings each scanner produces (the gate's own findings always count). */
const SCANNER_FINDING_KINDS = {
  misconfig: ['misconfig'],
  secret: ['secret'],
  vuln: ['vulnerability'],
  policy: ['policy', 'signature'],
} as const satisfies Record<Scanner, readonly FindingKind[]>;

export function findingKindsOf(scanner: Scanner): readonly FindingKind[] {
  return SCANNER_FINDING_KINDS[scanner];
}
