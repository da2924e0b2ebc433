export type { Automation, Control, Framework } from './framework.ts';
export { defineFramework } from './framework.ts';
export { frameworks } from './frameworks/index.ts';
export { findControl, isKnownComplianceId } from './lookup.ts';
