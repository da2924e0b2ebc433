/**
 * Kubernetes regex library: `find`, `findAll`, plus an RE2 `matches` (the engine routes
 * `string.matches` here so user patterns cannot backtrack catastrophically).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { chargeSize } from './cost.ts';
import { compileRegex, toIndex } from './support.ts';

export function registerRegex(env: Environment): void {
  env.registerFunction('string.find(string): string', find);
  env.registerFunction('string.findAll(string): list<string>', (s: string, pattern: string) => findAll(s, pattern, -1n));
  env.registerFunction('string.findAll(string, int): list<string>', findAll);
  env.registerFunction('matches(string, string): bool', regexMatches);
}

export function regexMatches(s: string, pattern: string): boolean {
  chargeSize(s.length);
  return compileRegex(pattern).test(s);
}

function find(s: string, pattern: string): string {
  chargeSize(s.length);
  const matcher = compileRegex(pattern).matcher(s);
  return matcher.find() ? (matcher.group() ?? '') : '';
}

function findAll(s: string, pattern: string, limit: bigint): string[] {
  chargeSize(s.length);
  const max = limit < 0n ? Number.POSITIVE_INFINITY : toIndex(limit, 'findAll limit');
  const matcher = compileRegex(pattern).matcher(s);
  const found: string[] = [];
  while (found.length < max && matcher.find()) found.push(matcher.group() ?? '');
  return found;
}
