import type { SourceRange } from '../../core/index.ts';
import type { ShellCommand, ShellJoin, ShellPipe, ShellWord } from './model.ts';
import { unwrapCommand } from './wrappers.ts';

/** Maps `[start, end)` of the parsed text to a range in the Dockerfile. */
export type RangeMapper = (start: number, end: number) => SourceRange;

/** What a parse of one script gathers; both parsers (tree-sitter and the common-subset one) fill it. */
export interface Collector {
  readonly commands: ShellCommand[];
  readonly pipes: ShellPipe[];
  readonly assignments: ShellWord[];
  hasErrors: boolean;
}

export function emptyCollector(): Collector {
  return { commands: [], pipes: [], assignments: [], hasErrors: false };
}

/** A `|` seen during a parse; its sides are resolved to commands once the whole script is read. */
export interface PendingPipe {
  readonly operator: '|' | '|&';
  readonly range: SourceRange;
  readonly leftStart: number;
  readonly leftEnd: number;
  readonly rightStart: number;
  readonly rightEnd: number;
}

/** The parts of a simple command a parser reads; `pushCommand` adds the rest. */
export interface CommandParts {
  readonly name: ShellWord;
  readonly args: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  readonly range: SourceRange;
  readonly joinedBy: ShellJoin | undefined;
  readonly depth: number;
}

/**
 * Adds a command (and the command it wraps, `sudo apt-get …`) to the collector; `starts` records the
 * command's start offset for resolving pipes.
 */
export function pushCommand(collector: Collector, parts: CommandParts, start: number, starts: Map<number, number>): void {
  const index = collector.commands.length;
  const command: ShellCommand = {
    index,
    name: parts.name,
    args: parts.args,
    assignments: parts.assignments,
    range: parts.range,
    joinedBy: parts.joinedBy,
    subshellDepth: parts.depth,
    wrappedBy: undefined,
  };
  starts.set(start, index);
  collector.commands.push(command);
  const inner = unwrapCommand(command, index + 1);
  if (inner !== undefined) collector.commands.push(inner);
}

/** Turns the pipes seen into `ShellPipe`s: each side is the first (unwrapped) command starting inside it. */
export function resolvePipes(collector: Collector, pending: readonly PendingPipe[], starts: ReadonlyMap<number, number>): void {
  for (const pipe of pending) {
    const left = firstCommandIn(collector.commands, starts, pipe.leftStart, pipe.leftEnd);
    const right = firstCommandIn(collector.commands, starts, pipe.rightStart, pipe.rightEnd);
    if (left !== undefined && right !== undefined) collector.pipes.push({ operator: pipe.operator, range: pipe.range, left, right });
  }
}

/** The index of the first command (of this parse) starting inside `[start, end)`. */
function firstCommandIn(commands: readonly ShellCommand[], starts: ReadonlyMap<number, number>, start: number, end: number): number | undefined {
  for (const [offset, index] of starts) {
    if (offset >= start && offset < end && commands[index]?.wrappedBy === undefined) return index;
  }
  return undefined;
}
