import type { Node, TreeCursor } from 'web-tree-sitter';
import type { Collector, PendingPipe, RangeMapper } from './collect.ts';
import { CommandStarts, emptyCollector, pushCommand, resolvePipes } from './collect.ts';
import { parseCommonShell } from './common-parse.ts';
import { parseBash } from './grammar.ts';
import type { ShellJoin, ShellScript, ShellScriptOrigin, ShellWord } from './model.ts';
import { wordValue } from './words.ts';

export type { RangeMapper } from './collect.ts';

/** Scripts longer than this are not parsed (the model stays empty and is marked as having errors). */
export const MAX_SCRIPT_LENGTH = 256 * 1024;

/** Here-document bodies are parsed as scripts only this deep (`bash <<A` inside `bash <<B` …). */
const MAX_HEREDOC_DEPTH = 4;

const JOINS: ReadonlySet<string> = new Set(['&&', '||', ';', '|', '|&', '&']);
const NESTING = new Set(['subshell', 'command_substitution', 'process_substitution']);
const NOT_ARGUMENTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect', 'variable_assignment', 'command_name', 'comment']);
export const SHELL_PROGRAMS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * Which parser reads a script: `auto` tries the common-subset parser (common-parse.ts) and falls back
 * to tree-sitter-bash for what it does not handle; `tree-sitter` always uses tree-sitter (for tests
 * that prove both give the same model).
 */
export type ShellEngine = 'auto' | 'tree-sitter';

/** Parses one script (shell-form RUN text, or a here-document body) into the shell model; never throws. */
export function buildScript(text: string, map: RangeMapper, origin: ShellScriptOrigin, engine: ShellEngine = 'auto'): ShellScript {
  let collector = engine === 'auto' && text.length <= MAX_SCRIPT_LENGTH ? parseCommonShell(text, map) : undefined;
  if (collector === undefined) {
    collector = emptyCollector();
    collect(text, map, collector, 0);
  }
  const cdTargets = collector.commands
    .filter((command) => command.name.value === 'cd')
    .map((command) => ({ command: command.index, target: command.args.find((arg) => !arg.value.startsWith('-') || arg.value === '-') }));
  return { origin, commands: collector.commands, pipes: collector.pipes, cdTargets, assignments: collector.assignments, hasErrors: collector.hasErrors };
}

function collect(text: string, map: RangeMapper, collector: Collector, heredocDepth: number): void {
  if (text.length > MAX_SCRIPT_LENGTH) {
    collector.hasErrors = true;
    return;
  }
  const tree = parseBash(text);
  if (tree === undefined) {
    collector.hasErrors = text.trim() !== '';
    return;
  }
  try {
    if (tree.rootNode.hasError) collector.hasErrors = true;
    walk(tree.rootNode, map, collector, heredocDepth);
  } finally {
    tree.delete();
  }
}

/**
 * Pre-order walk with a tree cursor: no recursion (deeply nested input cannot overflow the call
 * stack), and a Node object is only built for the few nodes the model needs (creating one per
 * token dominated the cost of the walk).
 */
function walk(root: Node, map: RangeMapper, collector: Collector, heredocDepth: number): void {
  const starts = new CommandStarts();
  const pending: PendingPipe[] = [];
  const cursor = root.walk();
  const depths: number[] = [];
  const parents: string[] = [];
  let depth = 0;
  let join: ShellJoin | undefined;
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (!cursor.nodeIsNamed) {
        if (JOINS.has(type)) join = toJoin(type);
        if ((type === '|' || type === '|&') && parents.at(-1) === 'pipeline') pending.push(pipeOf(cursor.currentNode, map));
      } else if (type === 'command') {
        const joinedBy = join ?? (collector.commands.length > 0 ? 'newline' : undefined);
        join = undefined;
        addCommand(cursor.currentNode, map, collector, { joinedBy, depth, starts });
      } else if (type === 'variable_assignment') {
        collector.assignments.push(toWord(cursor.currentNode, map));
      } else if (type === 'heredoc_body') {
        parseHeredocBody(cursor.currentNode, map, collector, heredocDepth);
      }
      if (cursor.gotoFirstChild()) {
        depths.push(depth);
        parents.push(type);
        if (NESTING.has(type)) depth += 1;
        continue;
      }
      const next = climbToNextSibling(cursor, depth, depths, parents);
      if (next === undefined) break;
      depth = next;
    }
  } finally {
    cursor.delete();
  }
  resolvePipes(collector, pending, starts);
}

/** Moves to the next node in pre-order that is not a descendant; returns its subshell depth, or undefined at the end. */
function climbToNextSibling(cursor: TreeCursor, depth: number, depths: number[], parents: string[]): number | undefined {
  let current = depth;
  while (!cursor.gotoNextSibling()) {
    if (!cursor.gotoParent()) return undefined;
    current = depths.pop() ?? 0;
    parents.pop();
  }
  return current;
}

function toJoin(type: string): ShellJoin {
  return type === '&&' || type === '||' || type === '|' || type === '|&' || type === '&' ? type : ';';
}

function pipeOf(node: Node, map: RangeMapper): PendingPipe {
  const left = node.previousSibling;
  const right = node.nextSibling;
  return {
    operator: node.type === '|&' ? '|&' : '|',
    range: map(node.startIndex, node.endIndex),
    leftStart: left?.startIndex ?? node.startIndex,
    leftEnd: left?.endIndex ?? node.startIndex,
    rightStart: right?.startIndex ?? node.endIndex,
    rightEnd: right?.endIndex ?? node.endIndex,
  };
}

interface CommandContext {
  readonly joinedBy: ShellJoin | undefined;
  readonly depth: number;
  readonly starts: CommandStarts;
}

function addCommand(node: Node, map: RangeMapper, collector: Collector, context: CommandContext): void {
  const nameNode = node.childForFieldName('name');
  const nameWord = nameNode?.firstNamedChild ?? nameNode;
  if (nameNode === null || nameWord === null) return;
  const args: ShellWord[] = [];
  const assignments: ShellWord[] = [];
  for (const child of node.namedChildren) {
    if (child === null || child.startIndex === nameNode.startIndex) continue;
    if (child.type === 'variable_assignment') assignments.push(toWord(child, map));
    else if (!NOT_ARGUMENTS.has(child.type)) args.push(toWord(child, map));
  }
  const parts = { name: toWord(nameWord, map), args, assignments, range: map(node.startIndex, node.endIndex), joinedBy: context.joinedBy, depth: context.depth };
  pushCommand(collector, parts, node.startIndex, context.starts);
}

function toWord(word: Node, map: RangeMapper): ShellWord {
  return { ...wordValue(word), raw: word.text, range: map(word.startIndex, word.endIndex) };
}

/** A here-document read by a shell (`bash <<EOF`, or a bare `<<EOF` as Docker runs it) is itself a script. */
function parseHeredocBody(body: Node, map: RangeMapper, collector: Collector, heredocDepth: number): void {
  if (heredocDepth >= MAX_HEREDOC_DEPTH || !isShellHeredoc(body)) return;
  const base = body.startIndex;
  const text = body.text;
  if (/^#!/.test(text) && !/^#!\s*\S*\/(?:env\s+)?(?:ba|z|k|da|a)?sh\b/.test(text)) return;
  collect(text, (start, end) => map(base + start, base + end), collector, heredocDepth + 1);
}

function isShellHeredoc(body: Node): boolean {
  const redirect = body.parent;
  const statement = redirect?.parent;
  if (redirect?.type !== 'heredoc_redirect' || statement === null || statement === undefined) return false;
  if (statement.type !== 'redirected_statement') return statement.type === 'program';
  const command = statement.childForFieldName('body');
  if (command === null) return true;
  if (command.type !== 'command') return false;
  const name = command.childForFieldName('name')?.text ?? '';
  const program = name.slice(name.lastIndexOf('/') + 1);
  return SHELL_PROGRAMS.has(program) && !command.namedChildren.some((child) => child?.text === '-c');
}
