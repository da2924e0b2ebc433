import type { CommandInstruction } from '../model.ts';
import type { ShellCommand, ShellWord } from './model.ts';

/** The program a command runs, without its directory (`/usr/bin/apt-get` is `apt-get`). */
export function programOf(command: ShellCommand): string {
  const name = command.name.value;
  // `slice(0)` answers the string itself: one path for names with and without a directory.
  return name.slice(lastSlash(name) + 1);
}

/**
 * `name.lastIndexOf('/')` by `indexOf` (`lastIndexOf` is much slower in V8: no fast built-in path;
 * rules ask this of every command). Every call runs the same operations, with or without a
 * directory: a branch only names with a directory took would have no type feedback when V8
 * optimised the callers (most names have none), and the first `/usr/bin/x` would discard their code.
 */
export function lastSlash(name: string): number {
  let slash = -1;
  for (;;) {
    const next = name.indexOf('/', slash + 1);
    if (next === -1) return slash;
    slash = next;
  }
}

/** Every shell rule asks this of every command: no string is built unless the name has a directory. */
export function isProgram(command: ShellCommand, names: readonly string[]): boolean {
  const { name } = command;
  if (!name.static) return false;
  return names.includes(name.value.slice(lastSlash(name.value) + 1));
}

/** One option name as hadolint reads it: `--name[=value]` gives `name`, `-abc` gives `a`, `b`, `c`. */
export interface ShellFlag {
  readonly name: string;
  readonly word: ShellWord;
}

/** The options of a command (up to `--`), each short option of a cluster on its own. */
export function flagsOf(command: ShellCommand): ShellFlag[] {
  const flags: ShellFlag[] = [];
  const { args } = command;
  // Indexed loops in these helpers: rules call them for most commands, mostly before the JIT has
  // optimised them, where `for … of` costs an iterator call per word.
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    if (word === undefined) continue;
    const value = word.value;
    if (value === '--') break;
    if (!isOptionWord(word)) continue;
    if (value.startsWith('--')) flags.push({ name: longOptionName(value), word });
    else for (const letter of value.slice(1)) flags.push({ name: letter, word });
  }
  return flags;
}

/** `--name=value` → `name`. */
function longOptionName(value: string): string {
  return value.slice(2).split('=', 1)[0] ?? '';
}

/** A word that holds options (`flagsOf` stops at `--` first). */
function isOptionWord(word: ShellWord): boolean {
  return word.static && word.value.startsWith('-') && word.value !== '-';
}

/** Whether one of `names` is among the command's options (`flagsOf`), without listing them: rules ask this of most commands. */
export function hasFlag(command: ShellCommand, names: readonly string[]): boolean {
  const { args } = command;
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    if (word === undefined) continue;
    if (word.value === '--') return false;
    if (isOptionWord(word) && namesOption(word.value, names)) return true;
  }
  return false;
}

/** Whether an option word (`--name[=value]`, or `-abc`: `a`, `b`, `c`) names one of `names`. */
function namesOption(value: string, names: readonly string[]): boolean {
  if (value.startsWith('--')) return names.includes(longOptionName(value));
  for (const letter of value.slice(1)) if (names.includes(letter)) return true;
  return false;
}

/** The value of an option: `--uid=7`, `--uid 7`, `-u 7` or `-u7`. */
export function flagValue(command: ShellCommand, short: string | undefined, long: string | undefined): ShellWord | undefined {
  const { args } = command;
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i]?.value ?? '';
    if (long !== undefined && value.startsWith(`--${long}=`)) return args[i];
    if ((long !== undefined && value === `--${long}`) || (short !== undefined && value === `-${short}`)) return args[i + 1];
    if (short !== undefined && value.length > 2 && value.startsWith(`-${short}`) && !value.startsWith('--')) return args[i];
  }
  return undefined;
}

const NO_VALUE_FLAGS: ReadonlySet<string> = new Set();

/**
 * The operands of a command: words that are not options, nor the value of an option listed in
 * `valueFlags` (names without dashes, `t` or `target-release`). Everything after `--` is an operand.
 * At most the first `limit`.
 */
export function operandsOf(command: ShellCommand, valueFlags: ReadonlySet<string> = NO_VALUE_FLAGS, limit = Number.POSITIVE_INFINITY): ShellWord[] {
  const operands: ShellWord[] = [];
  let skipNext = false;
  let ended = false;
  const { args } = command;
  for (let i = 0; i < args.length && operands.length < limit; i += 1) {
    const word = args[i];
    if (word === undefined) continue;
    const value = word.value;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (!ended && value === '--') {
      ended = true;
      continue;
    }
    if (ended || !value.startsWith('-') || value === '-' || !word.static) {
      operands.push(word);
      continue;
    }
    skipNext = takesValue(value, valueFlags);
  }
  return operands;
}

function takesValue(option: string, valueFlags: ReadonlySet<string>): boolean {
  if (option.startsWith('--')) return !option.includes('=') && valueFlags.has(option.slice(2));
  return option.length === 2 && valueFlags.has(option.slice(1));
}

/** The first operand (`install` in `apt-get -q install x`), if it is one of `names`. */
export function subcommandOf(command: ShellCommand, names: readonly string[], valueFlags?: ReadonlySet<string>): ShellWord | undefined {
  // Only the first operand: rules ask this of every package manager's command, most of them long lists of packages.
  const first = operandsOf(command, valueFlags, 1)[0];
  return first !== undefined && names.includes(first.value) ? first : undefined;
}

/** The operands after the subcommand (the packages of `apt-get install -y a b`). */
export function packagesOf(command: ShellCommand, subcommands: readonly string[], valueFlags?: ReadonlySet<string>): ShellWord[] {
  const operands = operandsOf(command, valueFlags);
  const first = operands[0];
  if (first === undefined || !subcommands.includes(first.value)) return [];
  return operands.slice(1);
}

export function hasArgument(command: ShellCommand, predicate: (value: string) => boolean): boolean {
  return command.args.some((word) => word.static && predicate(word.value));
}

/** True when a `--mount=type=cache` of the RUN targets a path starting with one of `prefixes`. */
export function hasCacheMount(instruction: CommandInstruction, prefixes: readonly string[]): boolean {
  return instruction.flags.some((flag) => {
    if (flag.name !== 'mount' || flag.value === undefined) return false;
    const options = new Map(flag.value.split(',').map((part) => [part.split('=', 1)[0] ?? '', part.slice(part.indexOf('=') + 1)]));
    if (options.get('type') !== 'cache') return false;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return prefixes.some((prefix) => target.startsWith(prefix));
  });
}

/** The command as written, for fingerprints: findings on `apt-get` in two RUNs stay apart. */
export function commandText(command: ShellCommand): string {
  return [command.name, ...command.args].map((word) => word.raw).join(' ').slice(0, 200);
}
