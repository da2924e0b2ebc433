import type { Control, Framework } from './framework.ts';
import { frameworks } from './frameworks/index.ts';

/** Finds the control named by a `framework:control` id. */
export function findControl(complianceId: string, catalogue: readonly Framework[] = frameworks): Control | undefined {
  const separator = complianceId.indexOf(':');
  if (separator === -1) return undefined;
  const framework = catalogue.find((candidate) => candidate.id === complianceId.slice(0, separator));
  return framework?.controls.find((control) => control.id === complianceId.slice(separator + 1));
}

export function isKnownComplianceId(complianceId: string): boolean {
  return findControl(complianceId) !== undefined;
}
