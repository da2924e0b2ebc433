import type { RuleMeta } from '../core/index.ts';
import { expiredExceptionRule } from './rules/no-expired-exceptions.ts';
import { invalidSuppressionRule } from './rules/no-invalid-suppressions.ts';
import { unparsedFileRule } from './rules/no-unparsed-files.ts';

/** Metadata of the gate's own rules (they are not run by the rule engine), for the catalogue and docs. */
export const gateRuleMetas: readonly RuleMeta[] = Object.freeze([expiredExceptionRule, invalidSuppressionRule, unparsedFileRule]);
