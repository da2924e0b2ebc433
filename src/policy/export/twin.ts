/**
 * Evaluates a rule's CEL twin the way the API server evaluates the exported
 * ValidatingAdmissionPolicy: match by API group and kind, compute the variables in order, then the
 * validation; false, or any error (failurePolicy Fail), rejects the object.
 */
import type { RuleMeta } from '../../core/index.ts';
import { compileCel } from '../cel/index.ts';
import type { CelCompileResult, CompiledCel, CelType } from '../cel/index.ts';
import { POD_KINDS, POD_VARIABLES } from './pod-kinds.ts';
import type { KindRef, PolicyVariable } from './pod-kinds.ts';

export type CelTwin = NonNullable<RuleMeta['cel']>;

/** The variables a VAP expression may read (authorizer is not offered). */
export const VAP_VARIABLES: Readonly<Record<string, CelType>> = {
  object: 'dyn',
  oldObject: 'dyn',
  request: 'dyn',
  params: 'dyn',
  namespaceObject: 'dyn',
  variables: 'dyn',
};

export type TwinVerdict =
  | { readonly matched: false }
  | { readonly matched: true; readonly accepted: true }
  | { readonly matched: true; readonly accepted: false; readonly message: string; readonly error?: string };

/** A computed policy variable: its value, or the error that stops every expression reading it. */
export type VariableValue = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export interface CompiledTwin {
  readonly kinds: readonly KindRef[];
  readonly variables: readonly PolicyVariable[];
  /**
   * `object` is a CEL value (see `toCelValue`). Pass the same `cache` to every policy evaluated on
   * one object to compute each variable (same name and expression) once per object.
   */
  evaluate(object: unknown, cache?: Map<string, VariableValue>): TwinVerdict;
}

export type TwinCompileResult = { readonly ok: true; readonly twin: CompiledTwin } | { readonly ok: false; readonly error: string };

export function twinKinds(twin: CelTwin): readonly KindRef[] {
  return twin.kinds === 'pods' ? POD_KINDS : twin.kinds;
}

export function twinVariables(twin: CelTwin): readonly PolicyVariable[] {
  return twin.kinds === 'pods' ? POD_VARIABLES : [];
}

function compile(source: string, what: string): { ok: true; program: CompiledCel } | { ok: false; error: string } {
  const result: CelCompileResult = compileCel(source, { variables: VAP_VARIABLES });
  if (result.ok) return result;
  return { ok: false, error: `${what}: ${result.error.message}${result.error.offset === undefined ? '' : ` at offset ${result.error.offset}`}` };
}

export function compileTwin(twin: CelTwin): TwinCompileResult {
  const variables = twinVariables(twin);
  const programs: VariableProgram[] = [];
  for (const variable of variables) {
    const compiled = compile(variable.expression, `variable ${variable.name}`);
    if (!compiled.ok) return compiled;
    programs.push({ name: variable.name, key: `${variable.name}\u0000${variable.expression}`, program: compiled.program });
  }
  const expression = compile(twin.expression, 'expression');
  if (!expression.ok) return expression;
  const message = compile(twin.message, 'message');
  if (!message.ok) return message;
  const kinds = twinKinds(twin);
  const evaluate = (object: unknown, cache: Map<string, VariableValue> = new Map()): TwinVerdict => {
    if (!matchesKind(kinds, object)) return { matched: false };
    const bindings: Record<string, unknown> = { object, oldObject: null, request: null, params: null, namespaceObject: null };
    const variables = computeVariables(programs, bindings, cache);
    if (!variables.ok) return { matched: true, accepted: false, message: '', error: variables.error };
    const verdict = expression.program.evaluate(bindings);
    if (verdict.ok && verdict.value === true) return { matched: true, accepted: true };
    const text = message.program.evaluate(bindings);
    const messageText = text.ok && typeof text.value === 'string' ? text.value : '';
    if (verdict.ok) return { matched: true, accepted: false, message: messageText };
    return { matched: true, accepted: false, message: messageText, error: verdict.error.message };
  };
  return { ok: true, twin: { kinds, variables, evaluate } };
}

interface VariableProgram {
  readonly name: string;
  /** Name and expression: the cache key shared by policies declaring the same variable. */
  readonly key: string;
  readonly program: CompiledCel;
}

/**
 * The `variables` map, computed in declaration order (a variable may read the earlier ones). Values
 * come from `cache` when another policy already computed the same variable for this object; a
 * variable that fails stops the expression with its error, as a failed lazy variable does in the API
 * server (our pod variables are written not to fail).
 */
function computeVariables(programs: readonly VariableProgram[], bindings: Record<string, unknown>, cache: Map<string, VariableValue>): VariableValue {
  const values: Record<string, unknown> = {};
  bindings['variables'] = values;
  for (const { name, key, program } of programs) {
    let computed = cache.get(key);
    if (computed === undefined) {
      const result = program.evaluate(bindings);
      computed = result.ok ? { ok: true, value: result.value } : { ok: false, error: `variable ${name}: ${result.error.message}` };
      cache.set(key, computed);
    }
    if (!computed.ok) return computed;
    values[name] = computed.value;
  }
  return { ok: true, value: values };
}

function matchesKind(kinds: readonly KindRef[], object: unknown): boolean {
  if (object === null || typeof object !== 'object' || !('kind' in object) || !('apiVersion' in object)) return false;
  const { kind, apiVersion } = object;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return false;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return kinds.some((ref) => ref.kind === kind && ref.apiGroup === group);
}
