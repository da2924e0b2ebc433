import { PalisadeError } from '../../core/errors.ts';
import { compileCel, toCelValue, type CompiledCel } from '../../policy/cel/index.ts';
import type { Statement } from '../intoto/index.ts';
import type { AttestationRequirement, CheckResult, VerifyImageInput } from './types.ts';

/** Variables a condition sees: the predicate, the whole statement, and the image (`reference`, `digest`). */
const VARIABLES = { predicate: 'dyn', statement: 'dyn', image: 'dyn' } as const;

/** Compiles a condition once; a syntax or type error is POLICY_INVALID naming the expression's column. */
export function compileCondition(expression: string, where: string): CompiledCel {
  const compiled = compileCel(expression, { variables: VARIABLES });
  if (compiled.ok) return compiled.program;
  const column = compiled.error.offset === undefined ? '' : ` at column ${compiled.error.offset + 1}`;
  throw new PalisadeError('POLICY_INVALID', `${where}: condition "${expression}" does not compile${column}: ${compiled.error.message}`);
}

/** The first condition that is not exactly `true`; an evaluation error fails too (never a pass). */
export function evaluateConditions(requirement: AttestationRequirement, statement: Statement, input: VerifyImageInput): { reason: CheckResult['reason']; message: string } | undefined {
  if (requirement.conditions.length === 0) return undefined;
  const bindings = {
    predicate: toCelValue(statement.predicate ?? null),
    statement: toCelValue(statement),
    image: toCelValue({ reference: input.reference, digest: input.digest }),
  };
  for (const condition of requirement.conditions) {
    const result = condition.program.evaluate(bindings);
    if (!result.ok) return { reason: 'condition-error', message: `the condition "${condition.expression}" on the ${requirement.name} attestation could not be evaluated: ${result.error.message}` };
    if (result.value !== true) return { reason: 'condition-failed', message: `the ${requirement.name} attestation does not meet the condition: ${condition.message ?? condition.expression}` };
  }
  return undefined;
}
