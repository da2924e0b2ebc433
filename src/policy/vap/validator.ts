import type { CelValueResult } from '../cel/index.ts';
import type { CompiledExpression, CompiledSpec, CompiledValidation, NamedExpression } from './model.ts';

/** A validation that evaluated to false, with the message the API server would return. */
export interface Violation {
  readonly kind: 'violation';
  readonly validation: CompiledValidation;
  readonly message: string;
  /** `reason` of the validation, `Invalid` by default. */
  readonly reason: string;
}

/** An expression that could not be evaluated under `failurePolicy: Fail`. */
export interface EvaluationFailure {
  readonly kind: 'error';
  readonly message: string;
  /** Where the failing expression is written in the policy (JSON pointer). */
  readonly pointer: string;
}

export type Decision = Violation | EvaluationFailure;

export interface AuditAnnotationValue {
  readonly key: string;
  readonly value: string;
}

export interface SpecResult {
  /** False when a match condition was false (or errored under `Ignore`): the policy does not apply. */
  readonly applies: boolean;
  readonly decisions: readonly Decision[];
  readonly auditAnnotations: readonly AuditAnnotationValue[];
}

/** The API server drops messageExpression results longer than this (bytes) and falls back. */
const MAX_MESSAGE_LENGTH = 5 * 1024;

/**
 * Evaluates a compiled spec as the API server's validator does: match conditions first (any false:
 * skip; otherwise any error: follow the failure policy), then every validation and audit annotation.
 * `bindings` hold CEL values (object, params, …); `variables` is added, each variable evaluated lazily
 * on first use and remembered (its error too). `shared`, when given, holds the scope (and so the
 * variables) of every spec evaluated with the same bindings: a spec with the same variables reads the
 * values computed before.
 */
export function evaluateSpec(spec: CompiledSpec, bindings: Readonly<Record<string, unknown>>, shared?: SharedScopes): SpecResult {
  const scope = (shared ?? new SharedScopes()).scopeOf(spec, bindings);
  const fail = spec.failurePolicy === 'Fail';
  const gate = matchConditionsGate(spec.matchConditions, scope);
  if (gate === 'skip') return { applies: false, decisions: [], auditAnnotations: [] };
  if (gate !== 'match') return fail ? { applies: true, decisions: [gate], auditAnnotations: [] } : { applies: false, decisions: [], auditAnnotations: [] };
  const decisions: Decision[] = [];
  for (const validation of spec.validations) {
    const decision = validate(validation, scope);
    if (decision !== undefined && (decision.kind === 'violation' || fail)) decisions.push(decision);
  }
  const auditAnnotations: AuditAnnotationValue[] = [];
  for (const annotation of spec.auditAnnotations) {
    const result = annotation.valueExpression.program.evaluate(scope);
    if (!result.ok) {
      if (fail) decisions.push(failure(annotation.valueExpression, result));
      continue;
    }
    if (result.value === null) continue;
    if (typeof result.value !== 'string') {
      if (fail) decisions.push({ kind: 'error', pointer: annotation.valueExpression.pointer, message: `valueExpression '${annotation.valueExpression.source}' resulted in unsupported return type; it must be a string or null` });
      continue;
    }
    const value = result.value.trim();
    if (value !== '') auditAnnotations.push({ key: annotation.key, value });
  }
  return { applies: true, decisions, auditAnnotations };
}

function matchConditionsGate(conditions: readonly NamedExpression[], scope: Readonly<Record<string, unknown>>): 'match' | 'skip' | EvaluationFailure {
  let firstError: EvaluationFailure | undefined;
  for (const condition of conditions) {
    const result = condition.program.evaluate(scope);
    if (result.ok && result.value === false) return 'skip';
    if (result.ok && result.value === true) continue;
    firstError ??= {
      kind: 'error',
      pointer: condition.pointer,
      message: result.ok ? `matchCondition "${condition.name}" did not evaluate to a bool` : `matchCondition "${condition.name}" resulted in error: ${result.error.message}`,
    };
  }
  return firstError ?? 'match';
}

function validate(validation: CompiledValidation, scope: Readonly<Record<string, unknown>>): Decision | undefined {
  const result = validation.expression.program.evaluate(scope);
  if (!result.ok) return failure(validation.expression, result);
  if (result.value === true) return undefined;
  const evaluated = validation.messageExpression?.program.evaluate(scope);
  // A messageExpression over the cost budget is an error (as the API server has it); any other failure falls back.
  if (evaluated?.ok === false && evaluated.kind === 'cost' && validation.messageExpression !== undefined) {
    return { kind: 'error', pointer: validation.messageExpression.pointer, message: `failed messageExpression: ${evaluated.error.message}` };
  }
  return { kind: 'violation', validation, reason: validation.reason ?? 'Invalid', message: messageOf(validation, evaluated) };
}

/** messageExpression's string (trimmed, one line, not too long), else `message`, else `failed expression: …`. */
function messageOf(validation: CompiledValidation, evaluated: CelValueResult | undefined): string {
  if (evaluated?.ok === true && typeof evaluated.value === 'string') {
    const message = evaluated.value.trim();
    if (message !== '' && message.length <= MAX_MESSAGE_LENGTH && !message.includes('\n')) return message;
  }
  const fixed = validation.message?.trim() ?? '';
  return fixed !== '' ? fixed : `failed expression: ${validation.expression.source.trim()}`;
}

function failure(expression: CompiledExpression, result: Extract<CelValueResult, { ok: false }>): EvaluationFailure {
  const what = result.kind === 'cost' ? 'exceeded the runtime cost budget' : 'resulted in error';
  return { kind: 'error', pointer: expression.pointer, message: `expression '${expression.source.trim()}' ${what}: ${result.error.message}` };
}

class VariableError extends Error {
  constructor(name: string, message: string) {
    super(`variable "${name}": ${message}`);
    this.name = 'VariableError';
  }
}

/**
 * The CEL scopes of one set of bindings, shared by the specs evaluated with them: the bindings and a
 * `variables` map. A variable's value depends only on the bindings and the spec's variables, so specs
 * with the same `variablesKey` (the same variables, compiled alike) share one scope, and each variable
 * is computed once for all of them. Each evaluation keeps its own cost budget, so sharing changes no
 * outcome.
 */
export class SharedScopes {
  readonly #scopes = new Map<string, Readonly<Record<string, unknown>>>();

  scopeOf(spec: CompiledSpec, bindings: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    const known = this.#scopes.get(spec.variablesKey);
    if (known !== undefined) return known;
    const scope: Record<string, unknown> = { ...bindings };
    scope['variables'] = lazyVariables(spec.variables, scope);
    this.#scopes.set(spec.variablesKey, scope);
    return scope;
  }
}

/** What a `variables` object of one scope reads: the scope, and each variable's outcome once evaluated. */
class LazyState {
  readonly scope: Readonly<Record<string, unknown>>;
  readonly outcomes: (CelValueResult | undefined)[] = [];

  constructor(scope: Readonly<Record<string, unknown>>) {
    this.scope = scope;
  }
}

const STATE = Symbol('variables state');

/**
 * The getters of a spec's variables, made once per variables list: getter `i` evaluates variable `i`
 * in the scope its `variables` object holds. A getter made per request (a closure over the scope)
 * would give every `variables` object a hidden class of its own; V8 allocates those in the old
 * generation, so each request's scope would outlive every young collection (decision 0035-e).
 */
interface VariableGetter {
  readonly name: string;
  readonly get: () => unknown;
}

const gettersByVariables = new WeakMap<readonly NamedExpression[], readonly VariableGetter[]>();

function gettersOf(variables: readonly NamedExpression[]): readonly VariableGetter[] {
  const known = gettersByVariables.get(variables);
  if (known !== undefined) return known;
  const getters = variables.map((variable, index) => ({
    name: variable.name,
    get(this: unknown): unknown {
      const state: unknown = typeof this === 'object' && this !== null ? Reflect.get(this, STATE) : undefined;
      if (!(state instanceof LazyState)) throw new VariableError(variable.name, 'read outside its scope');
      const outcome = state.outcomes[index] ?? variable.program.evaluate(state.scope);
      state.outcomes[index] = outcome;
      if (!outcome.ok) throw new VariableError(variable.name, outcome.error.message);
      return outcome.value;
    },
  }));
  gettersByVariables.set(variables, getters);
  return getters;
}

/** `variables.<name>`: evaluated on first read, then remembered; an error is thrown again on every read. */
function lazyVariables(variables: readonly NamedExpression[], scope: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const lazy: Record<string, unknown> = {};
  for (const { name, get } of gettersOf(variables)) Object.defineProperty(lazy, name, { enumerable: true, get });
  Object.defineProperty(lazy, STATE, { value: new LazyState(scope) });
  return lazy;
}
