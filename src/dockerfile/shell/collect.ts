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
 * Where each command of a parse starts, for resolving pipes: the offsets in the order first seen (a
 * command starting where an earlier one started replaces its index, as a `Map` keyed by offset
 * would). Plain arrays read with indexes: this runs for every command and every pipe of every RUN.
 */
export class CommandStarts {
  readonly offsets: number[] = [];
  readonly indexes: number[] = [];

  #max = -1;

  set(offset: number, index: number): void {
    // Commands arrive in pre-order, so offsets mostly grow: only one not above all before can repeat one.
    const at = offset <= this.#max ? this.offsets.indexOf(offset) : -1;
    if (offset > this.#max) this.#max = offset;
    if (at === -1) {
      this.offsets.push(offset);
      this.indexes.push(index);
    } else this.indexes[at] = index;
  }
}

/**
 * Adds a command (and the command it wraps, `sudo apt-get …`) to the collector; `starts` records the
 * command's start offset for resolving pipes.
 */
export function pushCommand(collector: Collector, parts: CommandParts, start: number, starts: CommandStarts): void {
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
export function resolvePipes(collector: Collector, pending: readonly PendingPipe[], starts: CommandStarts): void {
  for (let i = 0; i < pending.length; i += 1) {
    const pipe = pending[i];
    if (pipe === undefined) continue;
    const left = firstCommandIn(collector.commands, starts, pipe.leftStart, pipe.leftEnd);
    const right = firstCommandIn(collector.commands, starts, pipe.rightStart, pipe.rightEnd);
    if (left !== undefined && right !== undefined) collector.pipes.push({ operator: pipe.operator, range: pipe.range, left, right });
  }
}

/** The index of the first command (of this parse) starting inside `[start, end)`. */
function firstCommandIn(commands: readonly ShellCommand[], starts: CommandStarts, start: number, end: number): number | undefined {
  const { offsets, indexes } = starts;
  for (let i = 0; i < offsets.length; i += 1) {
    const offset = offsets[i] ?? -1;
    const index = indexes[i] ?? -1;
    if (offset >= start && offset < end && commands[index]?.wrappedBy === undefined) return index;
  }
  return undefined;
}
