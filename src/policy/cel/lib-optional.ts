/**
 * Optional-type additions cel-js lacks: equality of optionals (`format.dns1123Label().validate(x) ==
 * optional.none()`, as in the Kubernetes docs), `optMap`, `optFlatMap` and `optional.ofNonZeroValue`.
 * `optMap`/`optFlatMap` are macros written like cel-js's own `cel.bind` (they bind a variable for the
 * body), on the library's macro hooks.
 */
import { Optional } from '@marcbachmann/cel-js';
import type { ASTNode, Environment } from '@marcbachmann/cel-js';
import { celEquals, fail } from './support.ts';

/** The parts of cel-js's checker, context and evaluator a macro uses (as in its `cel.bind`). */
interface MacroType {
  readonly kind: string;
  readonly valueType?: MacroType;
}
interface MacroChecker {
  check(node: ASTNode, ctx: MacroContext): MacroType;
  getType(name: string): MacroType;
}
interface MacroContext {
  forkWithVariable(name: string, type: MacroType): MacroContext;
  reuse(parent: MacroContext): MacroContext;
  setIterValue(value: unknown, ev: MacroEvaluator): MacroContext;
}
interface MacroEvaluator {
  run(node: ASTNode, ctx: MacroContext): unknown;
}
interface MacroAst {
  setMeta(key: string, value: unknown): unknown;
}
interface OptMapMacro {
  readonly ast: MacroAst;
  readonly receiver: ASTNode;
  readonly variable: string;
  readonly body: ASTNode;
  bodyCtx: MacroContext | undefined;
  typeCheck(checker: MacroChecker, macro: OptMapMacro, ctx: MacroContext): MacroType;
  evaluate(ev: MacroEvaluator, macro: OptMapMacro, ctx: MacroContext): unknown;
}

function optionalEquals(a: Optional, b: Optional): boolean {
  if (a.hasValue() !== b.hasValue()) return false;
  return !a.hasValue() || celEquals(a.value(), b.value());
}

function isZero(value: unknown): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return true;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value).length === 0;
  return typeof value === 'object' && 'valueOf' in value && value.valueOf() === 0n;
}

function optMapMacro(flat: boolean) {
  const name = flat ? 'optFlatMap' : 'optMap';
  return ({ ast, args, receiver }: { ast: MacroAst; args: readonly ASTNode[]; receiver: ASTNode }): OptMapMacro => {
    const [variable, body] = args;
    if (variable === undefined || body === undefined || variable.op !== 'id') return fail(`${name}(var, expr): var must be an identifier`);
    return {
      ast,
      receiver,
      variable: variable.args,
      body,
      bodyCtx: undefined,
      typeCheck(checker, macro, ctx) {
        const receiverType = checker.check(macro.receiver, ctx);
        const valueType = receiverType.kind === 'optional' && receiverType.valueType !== undefined ? receiverType.valueType : checker.getType('dyn');
        macro.bodyCtx = ctx.forkWithVariable(macro.variable, valueType);
        const bodyType = checker.check(macro.body, macro.bodyCtx);
        macro.ast.setMeta('async', false);
        return flat ? bodyType : checker.getType('optional');
      },
      evaluate(ev, macro, ctx) {
        const value = ev.run(macro.receiver, ctx);
        if (!(value instanceof Optional)) return fail(`${name}() receiver must be optional`);
        if (!value.hasValue() || macro.bodyCtx === undefined) return value;
        const result = ev.run(macro.body, macro.bodyCtx.reuse(ctx).setIterValue(value.value(), ev));
        if (!flat) return Optional.of(result);
        return result instanceof Optional ? result : fail(`${name}() expression must return an optional`);
      },
    };
  };
}

export function registerOptionalExtras(env: Environment): void {
  env.registerOperator('optional == optional', optionalEquals);
  env.registerFunction('optional.optMap(ast, ast): optional<dyn>', optMapMacro(false));
  env.registerFunction('optional.optFlatMap(ast, ast): optional<dyn>', optMapMacro(true));
  env.registerFunction('OptionalNamespace.ofNonZeroValue(dyn): optional<dyn>', (_ns: unknown, value: unknown) =>
    isZero(value) ? Optional.none() : Optional.of(value),
  );
}
