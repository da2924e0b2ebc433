import type { ScanError } from '../../core/index.ts';
import { parseJsonPointer } from '../../core/index.ts';
import type { JsonObject, JsonValue, KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { isJsonArray, isJsonObject } from '../../kubernetes/index.ts';
import type { CelType } from '../cel/index.ts';
import { compileCel } from '../cel/index.ts';
import { positionInString } from './expression-position.ts';
import type { CompiledAuditAnnotation, CompiledExpression, CompiledSpec, CompiledValidation, FailurePolicy, NamedExpression } from './model.ts';
import type { SpecProblem } from '../../kubernetes/label-selector.ts';

/** Where a policy is written and how to name it in errors; collects its problems. */
export class PolicyDiagnostics {
  readonly artifact: KubernetesObjectArtifact;
  readonly label: string;
  readonly problems: SpecProblem[] = [];
  readonly errors: ScanError[] = [];

  constructor(artifact: KubernetesObjectArtifact, label: string) {
    this.artifact = artifact;
    this.label = label;
  }

  /** A POLICY_INVALID error at `pointer`; `offset` is a character of the string written there. */
  error(pointer: string, message: string, offset?: number): void {
    const position = positionInString(this.artifact, pointer, offset);
    this.errors.push({
      path: this.artifact.source.path,
      code: 'POLICY_INVALID',
      message: `${this.label}: ${dottedPath(pointer)}: ${message}`,
      ...(position === undefined ? {} : { startLine: position.line, startColumn: position.column }),
    });
  }

  /** Turns the structural problems into errors; true when there are none at all. */
  flush(): boolean {
    for (const problem of this.problems.splice(0)) this.error(problem.pointer, problem.message);
    return this.errors.length === 0;
  }
}

/** `/spec/validations/0/expression` → `spec.validations[0].expression`. */
export function dottedPath(pointer: string): string {
  return parseJsonPointer(pointer)
    .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

/** The CEL variables of a ValidatingAdmissionPolicy (`authorizer` is not offered offline). */
export const VAP_CEL_VARIABLES: Readonly<Record<string, CelType>> = { object: 'dyn', oldObject: 'dyn', request: 'dyn', params: 'dyn', namespaceObject: 'dyn', variables: 'map' };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_REFERENCE = /\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Compiles every expression of a policy spec once: matchConditions, variables, validations (and their
 * messageExpression) and auditAnnotations. Problems go to `diagnostics`; the result is undefined when
 * there is any.
 */
export function compileSpec(spec: JsonObject, base: string, celVariables: Readonly<Record<string, CelType>>, diagnostics: PolicyDiagnostics): CompiledSpec | undefined {
  const compiler = new SpecCompiler(celVariables, diagnostics);
  const failurePolicy = readFailurePolicy(spec['failurePolicy'], `${base}/failurePolicy`, diagnostics);
  const variables = compiler.named(spec['variables'], `${base}/variables`, 'expression', true);
  const matchConditions = compiler.named(spec['matchConditions'], `${base}/matchConditions`, 'expression');
  const validations = listOf(spec['validations'], `${base}/validations`, diagnostics).flatMap((item, index) => compiler.validation(item, `${base}/validations/${index}`, index));
  const auditAnnotations = listOf(spec['auditAnnotations'], `${base}/auditAnnotations`, diagnostics).flatMap((item, index) => compiler.auditAnnotation(item, `${base}/auditAnnotations/${index}`));
  if (validations.length === 0 && auditAnnotations.length === 0 && diagnostics.problems.length === 0 && diagnostics.errors.length === 0) {
    diagnostics.problems.push({ pointer: base, message: 'validations and auditAnnotations may not both be empty' });
  }
  if (!diagnostics.flush()) return undefined;
  return { failurePolicy, matchConditions, variables, variablesKey: variablesKeyOf(variables, celVariables), validations, auditAnnotations };
}

/**
 * Names the variables' values for sharing between policies: every variable name and expression, and the
 * CEL variables they were compiled against. Two specs with the same key compute the same variables from
 * the same bindings.
 */
function variablesKeyOf(variables: readonly NamedExpression[], celVariables: Readonly<Record<string, CelType>>): string {
  return JSON.stringify([Object.entries(celVariables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), variables.map((variable) => [variable.name, variable.source])]);
}

function readFailurePolicy(value: JsonValue | undefined, pointer: string, diagnostics: PolicyDiagnostics): FailurePolicy {
  if (value === undefined || value === null || value === 'Fail') return 'Fail';
  if (value === 'Ignore') return 'Ignore';
  diagnostics.problems.push({ pointer, message: 'failurePolicy must be Fail or Ignore' });
  return 'Fail';
}

/** The items of a list field (absent: none; not a list: a problem). */
export function listOf(value: JsonValue | undefined, pointer: string, diagnostics: PolicyDiagnostics): readonly JsonValue[] {
  if (value === undefined || value === null) return [];
  if (isJsonArray(value)) return value;
  diagnostics.problems.push({ pointer, message: 'must be a list' });
  return [];
}

class SpecCompiler {
  readonly #celVariables: Readonly<Record<string, CelType>>;
  readonly #diagnostics: PolicyDiagnostics;
  /** Variables an expression may use: while compiling variables, only the earlier ones. */
  readonly #declared: string[] = [];

  constructor(celVariables: Readonly<Record<string, CelType>>, diagnostics: PolicyDiagnostics) {
    this.#celVariables = celVariables;
    this.#diagnostics = diagnostics;
  }

  /** `matchConditions` / `variables`: a list of `{ name, expression }` with unique names. */
  named(value: JsonValue | undefined, pointer: string, field: string, isVariable = false): NamedExpression[] {
    const result: NamedExpression[] = [];
    const seen = new Set<string>();
    listOf(value, pointer, this.#diagnostics).forEach((item, index) => {
      const itemPointer = `${pointer}/${index}`;
      const name = isJsonObject(item) ? item['name'] : undefined;
      if (typeof name !== 'string' || (isVariable ? !IDENTIFIER.test(name) : name === '')) {
        this.#diagnostics.problems.push({ pointer: `${itemPointer}/name`, message: isVariable ? 'name must be a CEL identifier' : 'name is required' });
        return;
      }
      if (seen.has(name)) this.#diagnostics.problems.push({ pointer: `${itemPointer}/name`, message: `duplicate name "${name}"` });
      seen.add(name);
      const compiled = this.expression(isJsonObject(item) ? item[field] : undefined, `${itemPointer}/${field}`);
      if (isVariable) this.#declared.push(name);
      if (compiled !== undefined) result.push({ ...compiled, name });
    });
    return result;
  }

  validation(item: JsonValue, pointer: string, index: number): CompiledValidation[] {
    if (!isJsonObject(item)) {
      this.#diagnostics.problems.push({ pointer, message: 'a validation must be an object' });
      return [];
    }
    const expression = this.expression(item['expression'], `${pointer}/expression`);
    const messageExpression = item['messageExpression'] === undefined ? undefined : this.expression(item['messageExpression'], `${pointer}/messageExpression`);
    const message = this.#optionalString(item, 'message', pointer);
    const reason = this.#optionalString(item, 'reason', pointer);
    const fieldPath = this.#optionalString(item, 'fieldPath', pointer);
    if (message?.includes('\n') === true) this.#diagnostics.problems.push({ pointer: `${pointer}/message`, message: 'message must not contain line breaks' });
    if (expression === undefined) return [];
    return [{ index, expression, message, messageExpression, reason, fieldPath }];
  }

  auditAnnotation(item: JsonValue, pointer: string): CompiledAuditAnnotation[] {
    const key = isJsonObject(item) ? item['key'] : undefined;
    if (typeof key !== 'string' || key === '') {
      this.#diagnostics.problems.push({ pointer: `${pointer}/key`, message: 'key is required' });
      return [];
    }
    const valueExpression = this.expression(isJsonObject(item) ? item['valueExpression'] : undefined, `${pointer}/valueExpression`);
    return valueExpression === undefined ? [] : [{ key, valueExpression }];
  }

  expression(value: JsonValue | undefined, pointer: string): CompiledExpression | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.#diagnostics.problems.push({ pointer, message: 'must be a non-empty CEL expression' });
      return undefined;
    }
    const compiled = compileCel(value, { variables: this.#celVariables });
    if (!compiled.ok) {
      this.#diagnostics.error(pointer, `CEL compile error: ${compiled.error.message}`, compiled.error.offset);
      return undefined;
    }
    for (const match of value.matchAll(VARIABLE_REFERENCE)) {
      const name = match[1] ?? '';
      if (this.#declared.includes(name)) continue;
      this.#diagnostics.error(pointer, `CEL compile error: undefined variable "${name}" (variables may only use variables declared before them)`, (match.index ?? 0) + match[0].length - name.length);
      return undefined;
    }
    return { program: compiled.program, pointer, source: value };
  }

  #optionalString(item: JsonObject, key: string, pointer: string): string | undefined {
    const value = item[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.#diagnostics.problems.push({ pointer: `${pointer}/${key}`, message: `${key} must be a string` });
    return undefined;
  }
}
