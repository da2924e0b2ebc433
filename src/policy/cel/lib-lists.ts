/** Kubernetes list library: `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`. */
import type { Environment } from '@marcbachmann/cel-js';
import { chargeSize } from './cost.ts';
import { celCompare, celEquals, fail } from './support.ts';

export function registerLists(env: Environment): void {
  env.registerFunction('list.isSorted(): bool', isSorted);
  env.registerFunction('list.sum(): dyn', sum);
  env.registerFunction('list.min(): dyn', (list: readonly unknown[]) => extreme(list, -1, 'min'));
  env.registerFunction('list.max(): dyn', (list: readonly unknown[]) => extreme(list, 1, 'max'));
  env.registerFunction('list.indexOf(dyn): int', (list: readonly unknown[], item: unknown) => {
    chargeSize(list.length);
    return BigInt(list.findIndex((candidate) => celEquals(candidate, item)));
  });
  env.registerFunction('list.lastIndexOf(dyn): int', (list: readonly unknown[], item: unknown) => {
    chargeSize(list.length);
    return BigInt(list.findLastIndex((candidate) => celEquals(candidate, item)));
  });
}

function isSorted(list: readonly unknown[]): boolean {
  chargeSize(list.length);
  for (let i = 1; i < list.length; i++) {
    if (celCompare(list[i - 1], list[i]) > 0) return false;
  }
  return true;
}

function sum(list: readonly unknown[]): unknown {
  chargeSize(list.length);
  if (list.every((item) => typeof item === 'bigint')) return sumInts(list);
  if (list.every((item) => typeof item === 'number')) return list.reduce<number>((acc, item) => acc + Number(item), 0);
  return fail('no such overload: sum() needs a list of int or of double');
}

function sumInts(list: readonly unknown[]): bigint {
  let total = 0n;
  for (const item of list) {
    if (typeof item === 'bigint') total += item;
  }
  if (total > 2n ** 63n - 1n || total < -(2n ** 63n)) fail('integer overflow');
  return total;
}

function extreme(list: readonly unknown[], direction: 1 | -1, name: string): unknown {
  chargeSize(list.length);
  if (list.length === 0) return fail(`${name} called on empty list`);
  let best = list[0];
  for (const item of list.slice(1)) {
    if (celCompare(item, best) * direction > 0) best = item;
  }
  return best;
}
