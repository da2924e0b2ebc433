import type { RuleMeta } from '../core/index.ts';
import { expiredExceptionRule } from './rules/no-expired-exceptions.ts';
import { invalidSuppressionRule } from './rules/no-invalid-suppressions.ts';

export type { Baseline } from './baseline.ts';
export { BASELINE_SCHEMA_VERSION, applyBaseline, createBaseline, loadBaseline } from './baseline.ts';
export { exceptionMatches, isExceptionExpired, packageMatches } from './exception-match.ts';
export type { AppliedExceptions, ExceptionEntry, ExceptionSelector, ExceptionSet } from './exceptions.ts';
export { applyExceptions, loadExceptions } from './exceptions.ts';
export type { InlineSuppression, InlineSuppressionProblem } from './inline.ts';
export { applyInlineSuppressions, parseInlineSuppressions } from './inline.ts';
export { describeWaiver, expiredExceptionFinding, expiredExceptionRule } from './rules/no-expired-exceptions.ts';
export { invalidSuppressionFindings, invalidSuppressionRule } from './rules/no-invalid-suppressions.ts';
export type { ExceptionEntryInput } from './schema.ts';
export { baselineSchema, exceptionEntrySchema, exceptionsFileSchema } from './schema.ts';
export type { SelectorMatcher } from './selector.ts';
export { findingMatchesSelector, findingMatchesVulnerability } from './selector.ts';
export type { GateVerdict } from './verdict.ts';
export { gateVerdict } from './verdict.ts';

/** Metadata of the gate's own rules (they are not run by the rule engine), for the catalogue and docs. */
export const gateRuleMetas: readonly RuleMeta[] = Object.freeze([expiredExceptionRule, invalidSuppressionRule]);
