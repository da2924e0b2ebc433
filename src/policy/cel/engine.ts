/**
 * The CEL engine: one shared `@marcbachmann/cel-js` Environment carrying the Kubernetes libraries,
 * cloned once per distinct variable set; every expression is parsed and type-checked once, then
 * instrumented for the runtime cost budget (see cost.ts). Nothing here throws to the caller.
 */
import { Environment } from '@marcbachmann/cel-js';
import { CelCostExceededError, DEFAULT_COST_LIMIT, chargeCost, chargeSize, runWithBudget } from './cost.ts';
import { registerKubernetesLibraries } from './libraries.ts';
import { regexMatches } from './lib-regex.ts';
import { CelRuntimeError, regexSyntaxError } from './support.ts';

export type CelType = 'dyn' | 'map' | 'list' | 'string' | 'int' | 'bool';

export interface CelCompileOptions {
  readonly variables: Readonly<Record<string, CelType>>;
  /** Runtime cost limit of one evaluation (default 1,000,000, the API server's per-expression limit). */
  readonly costLimit?: number;
}

export interface CelError {
  readonly message: string;
  /** 0-based offset in the expression source, when known */
  readonly offset?: number;
}

export type CelValueResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: CelError; readonly kind: 'runtime' | 'cost' };

export interface CompiledCel {
  readonly source: string;
  /** `bindings` hold CEL values: pass data through `toCelValue` once per object. */
  evaluate(bindings: Readonly<Record<string, unknown>>): CelValueResult;
}

export type CelCompileResult =
  | { readonly ok: true; readonly program: CompiledCel }
  | { readonly ok: false; readonly error: CelError };

/** Largest expression accepted (longer text is refused before parsing). */
export const MAX_EXPRESSION_LENGTH = 64 * 1024;

const ENVIRONMENT_OPTIONS = {
  unlistedVariablesAreDyn: false,
  homogeneousAggregateLiterals: false,
  enableOptionalTypes: true,
  limits: { maxAstNodes: 10_000, maxDepth: 100, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 32 },
} as const;

/** Distinct variable sets kept (policies use a handful; anything beyond is rebuilt on demand). */
const MAX_ENVIRONMENTS = 64;

let baseEnvironment: Environment | undefined;
const environments = new Map<string, Environment>();

/** The shared environment with every library registered (built on first use, then frozen by cloning). */
export function celBaseEnvironment(): Environment {
  baseEnvironment ??= registerKubernetesLibraries(new Environment(ENVIRONMENT_OPTIONS));
  return baseEnvironment;
}

function environmentFor(variables: Readonly<Record<string, CelType>>): Environment {
  const entries = Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify(entries);
  const cached = environments.get(key);
  if (cached !== undefined) return cached;
  const env = celBaseEnvironment().clone();
  for (const [name, type] of entries) env.registerVariable(name, type);
  if (environments.size >= MAX_ENVIRONMENTS) environments.clear();
  environments.set(key, env);
  return env;
}

export function compileCel(source: string, options: CelCompileOptions): CelCompileResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: { message: `expression longer than ${MAX_EXPRESSION_LENGTH} characters` } };
  }
  try {
    const env = environmentFor(options.variables);
    const parsed = env.parse(source);
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, error: toCelError(checked.error) };
    instrument(parsed.ast);
    const limit = options.costLimit ?? DEFAULT_COST_LIMIT;
    const program: CompiledCel = {
      source,
      evaluate: (bindings) => evaluateParsed(() => parsed(bindings), limit),
    };
    return { ok: true, program };
  } catch (error) {
    return { ok: false, error: toCelError(error) };
  }
}

function evaluateParsed(run: () => unknown, limit: number): CelValueResult {
  const outcome = runWithBudget(limit, run);
  if (outcome.ok) {
    if (outcome.value instanceof Promise) {
      return { ok: false, kind: 'runtime', error: { message: 'asynchronous functions are not supported' } };
    }
    return { ok: true, value: outcome.value };
  }
  if (outcome.costError !== undefined) return { ok: false, kind: 'cost', error: { message: outcome.costError } };
  return { ok: false, kind: 'runtime', error: toCelError(outcome.error) };
}

export function toCelError(error: unknown): CelError {
  if (error instanceof CelCostExceededError) return { message: error.message };
  if (!(error instanceof Error)) return { message: String(error) };
  const summary = 'summary' in error && typeof error.summary === 'string' ? error.summary : error.message;
  const offset = errorOffset(error);
  return offset === undefined ? { message: summary } : { message: summary, offset };
}

function errorOffset(error: Error): number | undefined {
  if (!('range' in error)) return undefined;
  const range: unknown = error.range;
  if (range === null || typeof range !== 'object' || !('start' in range)) return undefined;
  return typeof range.start === 'number' ? range.start : undefined;
}

// --- cost instrumentation -------------------------------------------------------------------------

type EvaluateFn = (ev: unknown, ast: unknown, ctx: unknown) => unknown;

interface AstLike {
  readonly op: string;
  readonly args: unknown;
  readonly meta: Record<string, unknown>;
  evaluate: EvaluateFn;
}

function isAstNode(value: unknown): value is AstLike {
  return value !== null && typeof value === 'object' && 'op' in value && 'meta' in value && 'evaluate' in value;
}

/**
 * Wraps comprehension steps (one unit per iteration) and `+` nodes (size of the result), and routes
 * the built-in methods whose behaviour differs from cel-go to our own implementations.
 */
function instrument(root: unknown): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) stack.push(...node);
    else if (isAstNode(node)) visitNode(node, stack);
  }
}

function visitNode(node: AstLike, stack: unknown[]): void {
  const meta = node.meta;
  if (meta['alternate'] !== undefined) stack.push(meta['alternate']);
  if (isMacroObject(meta['macro'])) stack.push(...Object.values(meta['macro']));
  if (node.op === '+') wrapSize(node);
  if (node.op === 'rcall') {
    checkRegexLiteral(node);
    overrideMethod(node);
  }
  if (node.op === 'rcall' || node.op === 'call') locateErrors(node);
  const args = node.args;
  if (Array.isArray(args) || isAstNode(args)) {
    stack.push(args);
    return;
  }
  if (node.op !== 'comprehension' || args === null || typeof args !== 'object') return;
  if ('iterable' in args) stack.push(args.iterable);
  if ('init' in args) stack.push(args.init);
  if ('step' in args && isAstNode(args.step)) {
    stack.push(args.step);
    wrapStep(args, args.step);
  }
}

function isMacroObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function wrapStep(args: object, step: AstLike): void {
  const wrapper = {
    op: 'costStep',
    maybeAsync: false,
    evaluate(ev: unknown, _ast: unknown, ctx: unknown): unknown {
      chargeCost(1);
      return step.evaluate(ev, step, ctx);
    },
  };
  Object.defineProperty(args, 'step', { value: wrapper, writable: true, enumerable: true, configurable: true });
}

function wrapSize(node: AstLike): void {
  const original = node.meta['evaluate'];
  if (typeof original !== 'function') return;
  const evaluate: EvaluateFn = (ev, ast, ctx) => {
    const result: unknown = original(ev, ast, ctx);
    if (typeof result === 'string' || Array.isArray(result)) chargeSize(result.length);
    return result;
  };
  node.evaluate = evaluate;
}

// --- built-in methods replaced (cel-js cannot re-register them) ------------------------------------

const NOT_HANDLED = Symbol('not handled');

type MethodOverride = (receiver: unknown, args: readonly unknown[]) => unknown;

const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** `matches` with RE2 (linear time; the built-in uses a backtracking RegExp); ASCII-only case maps. */
const METHOD_OVERRIDES: ReadonlyMap<string, MethodOverride> = new Map<string, MethodOverride>([
  ['matches/1', (r, [p]) => (typeof r === 'string' && typeof p === 'string' ? regexMatches(r, p) : NOT_HANDLED)],
  ['lowerAscii/0', (r) => (typeof r === 'string' ? asciiLower(r) : NOT_HANDLED)],
  ['upperAscii/0', (r) => (typeof r === 'string' ? asciiUpper(r) : NOT_HANDLED)],
]);

function overrideMethod(node: AstLike): void {
  const [name, receiver, args] = Array.isArray(node.args) ? node.args : [];
  if (typeof name !== 'string' || !isAstNode(receiver) || !Array.isArray(args)) return;
  const override = METHOD_OVERRIDES.get(`${name}/${args.length}`);
  const original = node.meta['evaluate'];
  if (override === undefined || typeof original !== 'function' || !args.every(isAstNode)) return;
  const argNodes: readonly AstLike[] = args.filter(isAstNode);
  node.evaluate = (ev, ast, ctx) => {
    const value = override(
      receiver.evaluate(ev, receiver, ctx),
      argNodes.map((arg) => arg.evaluate(ev, arg, ctx)),
    );
    return value === NOT_HANDLED ? original(ev, ast, ctx) : value;
  };
}

/** A regex literal that RE2 refuses is a compile error (as in the API server), with its offset. */
export class CelRegexLiteralError extends Error {
  readonly range: { readonly start: number; readonly end: number };

  constructor(message: string, range: { readonly start: number; readonly end: number }) {
    super(message);
    this.name = 'CelRegexLiteralError';
    this.range = range;
  }
}

const REGEX_METHODS: ReadonlySet<string> = new Set(['matches', 'find', 'findAll']);

function checkRegexLiteral(node: AstLike): void {
  const [name, , args] = Array.isArray(node.args) ? node.args : [];
  if (typeof name !== 'string' || !REGEX_METHODS.has(name) || !Array.isArray(args)) return;
  const [pattern] = args;
  if (!isAstNode(pattern) || pattern.op !== 'value' || typeof pattern.args !== 'string') return;
  const problem = regexSyntaxError(pattern.args);
  if (problem === undefined) return;
  const start = 'start' in pattern && typeof pattern.start === 'number' ? pattern.start : 0;
  const end = 'end' in pattern && typeof pattern.end === 'number' ? pattern.end : start;
  throw new CelRegexLiteralError(problem, { start, end });
}

/** Library functions throw `CelRuntimeError` without a position: give it the call's range. */
function locateErrors(node: AstLike): void {
  if (node.meta['alternate'] !== undefined || node.meta['macro'] !== undefined) return;
  const inner: unknown = Object.hasOwn(node, 'evaluate') ? node.evaluate : node.meta['evaluate'];
  if (typeof inner !== 'function') return;
  const start = 'start' in node && typeof node.start === 'number' ? node.start : undefined;
  const end = 'end' in node && typeof node.end === 'number' ? node.end : start;
  if (start === undefined || end === undefined) return;
  node.evaluate = (ev, ast, ctx) => {
    try {
      return inner(ev, ast, ctx);
    } catch (error) {
      if (error instanceof CelRuntimeError) error.range ??= { start, end };
      throw error;
    }
  };
}
