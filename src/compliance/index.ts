export type { Automation, Control, Framework } from './framework.ts';
export { defineFramework } from './framework.ts';
export { frameworks } from './frameworks/index.ts';
export { findControl, isKnownComplianceId } from './lookup.ts';
export type { Check, Coverage } from './evidence.ts';
export { SCANNER_EVIDENCE, VULN_CHECK, checksFor, checksOf, coverageOf, findingCompliance } from './evidence.ts';
