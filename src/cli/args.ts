import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PalisadeError } from '../core/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Strict parsing: an unknown option or a missing value is a usage error (exit 2). */
export function parseCommandArgs(args: readonly string[], options: Options): ParsedArgs {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    const values: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(parsed.values)) values[key] = Array.isArray(value) ? value.join(',') : value;
    return { values, positionals: parsed.positionals };
  } catch (error) {
    throw new PalisadeError('USAGE', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--rules a,b --rules c` → ['a', 'b', 'c']. */
export function listOption(parsed: ParsedArgs, name: string): string[] | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Checks each item against the allowed values; names the option and the allowed values on error. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new PalisadeError('USAGE', `--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return match;
}
