/**
 * Runtime cost budget for one evaluation.
 *
 * `@marcbachmann/cel-js` has no cost estimator, so the budget is enforced at run time, as the API
 * server's runtime cost limit is: one unit per comprehension iteration (macros `all`, `exists`,
 * `exists_one`, `map`, `filter`), one unit per 64 characters or elements produced by `+`, and the
 * extension functions charge for the size of what they read. A wall-clock check every 1,024 units
 * stops anything the units miss. Evaluation is synchronous and single-threaded, so one module-level
 * budget is enough; `runWithBudget` saves and restores it so nested evaluations stay correct.
 */

/** The API server's per-expression runtime cost limit (`PerCallLimit`). */
export const DEFAULT_COST_LIMIT = 1_000_000;
/** Wall-clock ceiling of one evaluation, whatever the cost units say. */
export const EVALUATION_TIME_LIMIT_MS = 1_000;
/** Largest string (characters) or list (elements) one `+` may build. */
export const MAX_AGGREGATE_SIZE = 4 * 1024 * 1024;

export class CelCostExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelCostExceededError';
  }
}

interface Budget {
  used: number;
  limit: number;
  deadline: number;
  nextClockCheck: number;
  exceeded: string | undefined;
}

let current: Budget | undefined;

/** Charges `units` to the running evaluation; throws once the budget is gone (and on every later charge). */
export function chargeCost(units: number): void {
  const budget = current;
  if (budget === undefined) return;
  if (budget.exceeded !== undefined) throw new CelCostExceededError(budget.exceeded);
  budget.used += units;
  if (budget.used > budget.limit) {
    return exceed(budget, `evaluation cost ${budget.used} exceeds the limit of ${budget.limit}`);
  }
  if (budget.used < budget.nextClockCheck) return;
  budget.nextClockCheck = budget.used + 1024;
  if (Date.now() > budget.deadline) {
    exceed(budget, `evaluation took longer than ${EVALUATION_TIME_LIMIT_MS} ms`);
  }
}

/** Charges for reading or building a string/list of `size` characters or elements. */
export function chargeSize(size: number): void {
  if (size > MAX_AGGREGATE_SIZE) {
    const budget = current;
    const message = `value of size ${size} exceeds the maximum of ${MAX_AGGREGATE_SIZE}`;
    if (budget !== undefined) exceed(budget, message);
    throw new CelCostExceededError(message);
  }
  chargeCost(1 + (size >> 6));
}

function exceed(budget: Budget, message: string): never {
  budget.exceeded ??= message;
  throw new CelCostExceededError(budget.exceeded);
}

export type BudgetOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly costError: string }
  | { readonly ok: false; readonly costError?: undefined; readonly error: unknown };

/**
 * Runs `fn` under a fresh budget. A cost error wins over any result: quantifiers (`exists`, `all`)
 * swallow errors of single iterations, so the flag set by `chargeCost` is what decides.
 */
export function runWithBudget<T>(limit: number, fn: () => T): BudgetOutcome<T> {
  const saved = current;
  const budget: Budget = {
    used: 0,
    limit,
    deadline: Date.now() + EVALUATION_TIME_LIMIT_MS,
    nextClockCheck: 1024,
    exceeded: undefined,
  };
  current = budget;
  try {
    const value = fn();
    if (budget.exceeded !== undefined) return { ok: false, costError: budget.exceeded };
    return { ok: true, value };
  } catch (error) {
    if (budget.exceeded !== undefined) return { ok: false, costError: budget.exceeded };
    if (error instanceof RangeError) return { ok: false, costError: `resource exhausted: ${error.message}` };
    return { ok: false, error };
  } finally {
    current = saved;
  }
}
