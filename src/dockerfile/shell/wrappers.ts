import type { ShellCommand, ShellWord } from './model.ts';

/** Options of each wrapper that take a value in the next word. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--host', '--prompt'])],
  ['doas', new Set(['-u', '-C'])],
  ['env', new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string'])],
  ['nohup', new Set()],
  ['exec', new Set(['-a'])],
  ['time', new Set(['-f', '-o', '--format', '--output'])],
  ['command', new Set()],
  ['nice', new Set(['-n', '--adjustment'])],
  ['stdbuf', new Set(['-i', '-o', '-e'])],
  ['xargs', new Set(['-a', '-d', '-E', '-e', '-I', '-L', '-l', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--replace'])],
]);

/** Wrappers whose first operand is a user, not the command (`gosu app cmd`). */
const USER_FIRST = new Set(['gosu', 'su-exec', 'chroot']);

/**
 * The command a wrapper runs (`sudo -u app pip install x` runs `pip install x`), as its own command
 * with `wrappedBy` set; undefined when the command is no wrapper or names nothing static.
 */
export function unwrapCommand(command: ShellCommand, index: number): ShellCommand | undefined {
  const name = command.name.value;
  const valued = WRAPPERS.get(name);
  if (valued === undefined && !USER_FIRST.has(name)) return undefined;
  let position = USER_FIRST.has(name) ? 1 : 0;
  while (position < command.args.length) {
    const arg = argAt(command.args, position);
    if (arg === undefined) return undefined;
    if (arg.value === '--') {
      position += 1;
      break;
    }
    const isOption = arg.value.startsWith('-') && arg.value !== '-';
    const isAssignment = name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(arg.value);
    if (!isOption && !isAssignment) break;
    position += valued?.has(arg.value) === true ? 2 : 1;
  }
  const inner = command.args[position];
  if (inner === undefined || !inner.static) return undefined;
  return {
    index,
    name: inner,
    args: command.args.slice(position + 1),
    assignments: [],
    range: { start: inner.range.start, end: command.range.end },
    joinedBy: command.joinedBy,
    subshellDepth: command.subshellDepth,
    wrappedBy: command.index,
  };
}

function argAt(args: readonly ShellWord[], position: number): ShellWord | undefined {
  return args[position];
}
