import type { Argument, Flag, Heredoc as AstHeredoc, Instruction, Property } from 'dockerfile-ast';
import { Add, Arg, Cmd, Copy, Entrypoint, Env, Healthcheck, Label, ModifiableInstruction, Run } from 'dockerfile-ast';
import { execWordsAt, unquote } from './exec-words.ts';
import { joinLines } from './logical-text.ts';
import type {
  CommandInstruction,
  CopyInstruction,
  DockerInstruction,
  ExposedPort,
  Heredoc,
  InstructionBase,
  InstructionFlag,
  KeyValuePair,
  Word,
} from './model.ts';
import type { AstRange, SourceMap } from './source-map.ts';

/** What every instruction builder needs: the position map and the file's escape character. */
export interface BuildContext {
  readonly map: SourceMap;
  readonly escapeChar: string;
}

/** Converts one `dockerfile-ast` instruction into the model, keeping exact positions. */
export function toInstruction(node: Instruction, context: BuildContext): DockerInstruction {
  const base = baseOf(node, context);
  const { map } = context;
  if (node instanceof Arg) return { ...base, kind: 'arg', pairs: pairsOf(node.getProperties(), map) };
  if (node instanceof Env) return { ...base, kind: 'env', pairs: pairsOf(node.getProperties(), map) };
  if (node instanceof Label) return { ...base, kind: 'label', pairs: pairsOf(node.getProperties(), map) };
  if (node instanceof Run) return commandOf('run', node, base, context, node.getHeredocs());
  if (node instanceof Cmd) return commandOf('cmd', node, base, context, []);
  if (node instanceof Entrypoint) return commandOf('entrypoint', node, base, context, []);
  if (node instanceof Copy) return copyOf('copy', node, base, context, node.getHeredocs());
  if (node instanceof Add) return copyOf('add', node, base, context, []);
  if (node instanceof Healthcheck) return healthcheckOf(node, base, map);
  switch (base.keyword) {
    case 'FROM':
      return { ...base, kind: 'from' };
    case 'USER':
      return userOf(node, base, map);
    case 'EXPOSE':
      return { ...base, kind: 'expose', ports: node.getArguments().map((argument) => portOf(argument, map)) };
    case 'WORKDIR':
      return workdirOf(node, base, context);
    default:
      return { ...base, kind: 'other' };
  }
}

function baseOf(node: Instruction, { map }: BuildContext): InstructionBase {
  const flags = node instanceof ModifiableInstruction ? node.getFlags() : [];
  const range = node.getRange();
  const start = flags[0]?.getRange().start ?? node.getArgumentsRange()?.start;
  const argumentsRange = start === undefined ? undefined : { start, end: range.end };
  return {
    keyword: node.getKeyword(),
    range: map.range(range),
    keywordRange: map.range(node.getInstructionRange()),
    arguments: argumentsRange === undefined ? '' : map.sliceRange(argumentsRange),
    argumentsRange: map.optionalRange(argumentsRange),
    flags: flags.map((flag) => flagOf(flag, map)),
  };
}

function flagOf(flag: Flag, map: SourceMap): InstructionFlag {
  return {
    name: flag.getName(),
    value: flag.getValue() ?? undefined,
    range: map.range(flag.getRange()),
    nameRange: map.range(flag.getNameRange()),
    valueRange: map.optionalRange(flag.getValueRange()),
  };
}

function pairsOf(properties: readonly Property[], map: SourceMap): KeyValuePair[] {
  return properties.map((property) => ({
    key: property.getName(),
    keyRange: map.range(property.getNameRange()),
    value: property.getValue() ?? undefined,
    valueRange: map.optionalRange(property.getValueRange()),
  }));
}

function commandOf<K extends CommandInstruction['kind']>(
  kind: K,
  node: Instruction,
  base: InstructionBase,
  context: BuildContext,
  heredocs: readonly AstHeredoc[],
): CommandInstruction<K> {
  const range = node.getArgumentsRange();
  const exec = range === null ? undefined : execWords(range, context);
  return {
    ...base,
    kind,
    form: exec === undefined ? 'shell' : 'exec',
    command: range === null ? '' : context.map.sliceRange(range),
    commandRange: context.map.optionalRange(range),
    exec: exec ?? [],
    heredocs: heredocs.map((heredoc) => heredocOf(heredoc, context.map)),
  };
}

function copyOf<K extends CopyInstruction['kind']>(
  kind: K,
  node: Instruction,
  base: InstructionBase,
  context: BuildContext,
  heredocs: readonly AstHeredoc[],
): CopyInstruction<K> {
  const range = node.getArgumentsRange();
  const exec = range === null ? undefined : execWords(range, context);
  const bodyStart = firstBodyLine(heredocs);
  const words = exec ?? node.getArguments().filter((argument) => argument.getRange().start.line < bodyStart).map((argument) => wordOf(argument, context.map));
  return {
    ...base,
    kind,
    form: exec === undefined ? 'shell' : 'exec',
    sources: words.slice(0, -1),
    destination: words.at(-1),
    heredocs: heredocs.map((heredoc) => heredocOf(heredoc, context.map)),
  };
}

/** The 0-based line where the first here-document body starts (Infinity when there is none). */
function firstBodyLine(heredocs: readonly AstHeredoc[]): number {
  let line = Number.POSITIVE_INFINITY;
  for (const heredoc of heredocs) line = Math.min(line, heredoc.getStartRange().end.line + 1);
  return line;
}

function execWords(range: AstRange, { map, escapeChar }: BuildContext): Word[] | undefined {
  return execWordsAt(map.offset(range.start), map.offset(range.end), map, escapeChar);
}

function heredocOf(heredoc: AstHeredoc, map: SourceMap): Heredoc {
  const contentRange = heredoc.getContentRange();
  return {
    name: heredoc.getName(),
    range: map.range(heredoc.getStartRange()),
    content: contentRange === null ? '' : map.sliceRange(contentRange),
    contentRange: map.optionalRange(contentRange),
    delimiterRange: map.optionalRange(heredoc.getDelimiterRange()),
  };
}

function wordOf(argument: Argument, map: SourceMap): Word {
  return { value: argument.getValue(), range: map.range(argument.getRange()) };
}

function userOf(node: Instruction, base: InstructionBase, map: SourceMap): DockerInstruction {
  const first = node.getArguments()[0];
  const value = first?.getValue() ?? '';
  const [user = '', group] = unquote(value).split(':', 2);
  return { ...base, kind: 'user', value, valueRange: map.optionalRange(first?.getRange()), user, group };
}

function portOf(argument: Argument, map: SourceMap): ExposedPort {
  const value = argument.getValue();
  const slash = value.indexOf('/');
  return {
    value,
    port: slash === -1 ? value : value.slice(0, slash),
    protocol: slash === -1 ? undefined : value.slice(slash + 1),
    range: map.range(argument.getRange()),
  };
}

function workdirOf(node: Instruction, base: InstructionBase, { map, escapeChar }: BuildContext): DockerInstruction {
  const range = node.getArgumentsRange();
  if (range === null) return { ...base, kind: 'workdir', path: '', pathRange: undefined };
  const logical = joinLines(map.text, map.offset(range.start), map.offset(range.end), escapeChar);
  return { ...base, kind: 'workdir', path: unquote(logical.text.trim()), pathRange: map.range(range) };
}

function healthcheckOf(node: Healthcheck, base: InstructionBase, map: SourceMap): DockerInstruction {
  const subcommand = node.getSubcommand();
  const word = subcommand === null ? undefined : wordOf(subcommand, map);
  return { ...base, kind: 'healthcheck', disabled: word?.value.toUpperCase() === 'NONE', subcommand: word };
}
