import type { SourceRange } from '../core/index.ts';
import { execWordsAt, unquote } from './exec-words.ts';
import { joinLines } from './logical-text.ts';
import type { LexedArgument, LexedFlag, OffsetText } from './lexer-arguments.ts';
import { flagsOf, leadingArguments, rawArguments, stopsFlags } from './lexer-arguments.ts';
import { propertiesOf } from './lexer-properties.ts';
import type { LexedInstruction } from './lexer.ts';
import type { CommandInstruction, CopyInstruction, DockerInstruction, ExposedPort, InstructionBase, InstructionFlag, KeyValuePair, Word } from './model.ts';
import type { SourceMap } from './source-map.ts';

/** One lexed instruction with what every builder needs: its arguments (flags removed) and flags. */
export interface ReadInstruction {
  readonly node: LexedInstruction;
  readonly keyword: string;
  /**
   * The arguments after the flags (`ModifiableInstruction.getArguments`). A RUN's, CMD's or
   * ENTRYPOINT's are read when first asked for: their builders need only `span`.
   */
  readonly args: readonly LexedArgument[];
  readonly flags: readonly LexedFlag[];
  /** From the start of the first argument after the flags to the end of the last (`Instruction.getArgumentsRange`); undefined without one. */
  readonly span: ArgumentSpan | undefined;
}

export interface ArgumentSpan {
  readonly start: number;
  readonly end: number;
}

/** Values come from `source` (lone CRs read as spaces); text as written from `map`. */
export interface LexedContext {
  readonly source: OffsetText;
  readonly map: SourceMap;
}

/** The instructions whose builders read only the span of their arguments (after their flags). */
const SPAN_ONLY: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

export function readInstruction(source: OffsetText, node: LexedInstruction): ReadInstruction {
  const keyword = node.instruction.toUpperCase();
  const stop = stopsFlags(keyword);
  if (stop !== undefined && SPAN_ONLY.has(keyword)) return spanRead(source, node, keyword, stop);
  const raw = rawArguments(source, node);
  const flags = stop === undefined ? [] : flagsOf(source, raw, stop);
  const args = flags.length === 0 ? raw : raw.slice(flags.length);
  const first = args[0];
  const last = args.at(-1);
  return new Read(source, node, keyword, flags, first === undefined || last === undefined ? undefined : { start: first.start, end: last.end }, args);
}

/**
 * A RUN, CMD or ENTRYPOINT: the arguments up to where flags stop, with their values, then only where
 * the last one ends (a RUN's command text is read by the shell parser, not as arguments). The same
 * flags and span as `rawArguments` gives, which `args` reads if asked (a here-document needs it).
 */
function spanRead(source: OffsetText, node: LexedInstruction, keyword: string, stop: (value: string) => boolean): ReadInstruction {
  const { leading, count, lastEnd } = leadingArguments(source, node, stop);
  const flags = flagsOf(source, leading, stop);
  // `flagsOf` stops at the argument `stop` accepts, the last one read with its value: the first
  // argument after the flags is one of those read.
  const first = leading[flags.length];
  const span = first === undefined ? undefined : { start: first.start, end: lastEnd };
  return new Read(source, node, keyword, flags, span, count === leading.length ? leading.slice(flags.length) : undefined);
}

/** One class for every instruction read (one shape where the builders read them). */
class Read implements ReadInstruction {
  readonly node: LexedInstruction;
  readonly keyword: string;
  readonly flags: readonly LexedFlag[];
  readonly span: ArgumentSpan | undefined;
  private readonly source: OffsetText;
  /** The arguments after the flags, once read. */
  private known: readonly LexedArgument[] | undefined;

  constructor(source: OffsetText, node: LexedInstruction, keyword: string, flags: readonly LexedFlag[], span: ArgumentSpan | undefined, args: readonly LexedArgument[] | undefined) {
    this.source = source;
    this.node = node;
    this.keyword = keyword;
    this.flags = flags;
    this.span = span;
    this.known = args;
  }

  get args(): readonly LexedArgument[] {
    this.known ??= rawArguments(this.source, this.node).slice(this.flags.length);
    return this.known;
  }
}

/** The model of one instruction, as `toInstruction` builds it from `dockerfile-ast`. */
export function lexedInstruction(read: ReadInstruction, context: LexedContext): DockerInstruction {
  const base = baseOf(read, context);
  const { source } = context;
  switch (read.keyword) {
    case 'ARG':
      return { ...base, kind: 'arg', pairs: pairsOf(read, context) };
    case 'ENV':
      return { ...base, kind: 'env', pairs: pairsOf(read, context) };
    case 'LABEL':
      return { ...base, kind: 'label', pairs: pairsOf(read, context) };
    case 'RUN':
      return commandOf('run', read, base, context);
    case 'CMD':
      return commandOf('cmd', read, base, context);
    case 'ENTRYPOINT':
      return commandOf('entrypoint', read, base, context);
    case 'COPY':
      return copyOf('copy', read, base, context);
    case 'ADD':
      return copyOf('add', read, base, context);
    case 'HEALTHCHECK': {
      const first = read.args[0];
      const subcommand = first === undefined ? undefined : wordOf(first, source);
      return { ...base, kind: 'healthcheck', disabled: subcommand?.value.toUpperCase() === 'NONE', subcommand };
    }
    case 'FROM':
      return { ...base, kind: 'from' };
    case 'USER':
      return userOf(read, base, source);
    case 'EXPOSE':
      return { ...base, kind: 'expose', ports: read.args.map((arg) => portOf(arg, source)) };
    case 'WORKDIR':
      return workdirOf(read, base, context);
    default:
      return { ...base, kind: 'other' };
  }
}

function baseOf(read: ReadInstruction, { source, map }: LexedContext): InstructionBase {
  const { node, flags, span } = read;
  const end = source.at(node.end);
  const argumentsStart = flags[0]?.start ?? span?.start;
  return {
    keyword: read.keyword,
    range: source.range(source.at(node.start), end),
    keywordRange: source.range(source.at(node.start), source.at(node.keywordEnd)),
    arguments: argumentsStart === undefined ? '' : map.slice(argumentsStart, end),
    argumentsRange: argumentsStart === undefined ? undefined : source.range(argumentsStart, end),
    flags: flags.map((flag) => flagOf(flag, source)),
  };
}

function flagOf(flag: LexedFlag, source: OffsetText): InstructionFlag {
  return {
    name: flag.name,
    value: flag.value,
    range: source.range(flag.start, flag.end),
    nameRange: source.range(flag.nameStart, flag.nameEnd),
    valueRange: flag.valueStart === undefined || flag.valueEnd === undefined ? undefined : source.range(flag.valueStart, flag.valueEnd),
  };
}

function pairsOf(read: ReadInstruction, { source }: LexedContext): KeyValuePair[] {
  return propertiesOf(source, read.node).map((property) => ({
    key: property.name,
    keyRange: source.range(property.nameStart, property.nameEnd),
    value: property.value,
    valueRange: property.valueStart === undefined || property.valueEnd === undefined ? undefined : source.range(property.valueStart, property.valueEnd),
  }));
}

function commandOf<K extends CommandInstruction['kind']>(kind: K, read: ReadInstruction, base: InstructionBase, context: LexedContext): CommandInstruction<K> {
  const { span } = read;
  const exec = span === undefined ? undefined : execWordsAt(span.start, span.end, context.map, context.source.escapeChar);
  return {
    ...base,
    kind,
    form: exec === undefined ? 'shell' : 'exec',
    command: span === undefined ? '' : context.map.slice(span.start, span.end),
    commandRange: span === undefined ? undefined : context.source.range(span.start, span.end),
    exec: exec ?? [],
    heredocs: [],
  };
}

function copyOf<K extends CopyInstruction['kind']>(kind: K, read: ReadInstruction, base: InstructionBase, context: LexedContext): CopyInstruction<K> {
  const { span } = read;
  const exec = span === undefined ? undefined : execWordsAt(span.start, span.end, context.map, context.source.escapeChar);
  const words = exec ?? read.args.map((arg) => wordOf(arg, context.source));
  return { ...base, kind, form: exec === undefined ? 'shell' : 'exec', sources: words.slice(0, -1), destination: words.at(-1), heredocs: [] };
}

function wordOf(arg: LexedArgument, source: OffsetText): Word {
  return { value: arg.value, range: source.range(arg.start, arg.end) };
}

function userOf(read: ReadInstruction, base: InstructionBase, source: OffsetText): DockerInstruction {
  const first = read.args[0];
  const value = first?.value ?? '';
  const [user = '', group] = unquote(value).split(':', 2);
  const valueRange: SourceRange | undefined = first === undefined ? undefined : source.range(first.start, first.end);
  return { ...base, kind: 'user', value, valueRange, user, group };
}

function portOf(arg: LexedArgument, source: OffsetText): ExposedPort {
  const { value } = arg;
  const slash = value.indexOf('/');
  return {
    value,
    port: slash === -1 ? value : value.slice(0, slash),
    protocol: slash === -1 ? undefined : value.slice(slash + 1),
    range: source.range(arg.start, arg.end),
  };
}

function workdirOf(read: ReadInstruction, base: InstructionBase, { source, map }: LexedContext): DockerInstruction {
  const { span } = read;
  if (span === undefined) return { ...base, kind: 'workdir', path: '', pathRange: undefined };
  const logical = joinLines(map.text, span.start, span.end, source.escapeChar);
  return { ...base, kind: 'workdir', path: unquote(logical.text.trim()), pathRange: source.range(span.start, span.end) };
}
