/**
 * The here-documents of a RUN or COPY: `dockerfile-ast`'s `Instruction.getHeredocs` (with
 * `getNameRange`, `getName`, `getDelimiterRange` and `createSingleLineHeredocs`), ported on offsets.
 * Its control flow and quirks are kept on purpose, so the model stays what it was: see
 * docs/decisions/0034-h-heredocs-in-the-lexer.md. Offsets are `OffsetText.at`-adjusted.
 */
import type { SourceRange } from '../core/index.ts';
import { heredocName } from './heredoc-lexer.ts';
import { nameOf } from './heredoc-names.ts';
import type { LexedContext, ReadInstruction } from './lexed-instructions.ts';
import type { LexedArgument, OffsetText } from './lexer-arguments.ts';
import type { DockerInstruction, Heredoc, Word } from './model.ts';

/**
 * A RUN or COPY built by `lexedInstruction` with its here-documents (as `toInstruction` builds it from
 * dockerfile-ast: a COPY's words on lines of a body are no sources). Other instructions are returned as
 * they are; dockerfile-ast gives ADD none (so every word of an ADD's bodies is a source).
 */
export function withHeredocs(instruction: DockerInstruction, read: ReadInstruction, { source, map }: LexedContext): DockerInstruction {
  if ((instruction.kind !== 'run' && instruction.kind !== 'copy') || read.span === undefined) return instruction;
  const start = source.at(read.node.start);
  const end = source.at(read.node.end);
  // Only an argument starting with `<<` makes a here-document: none without a `<` in the
  // instruction's text (most RUNs and COPYs have none), and then no argument is looked at (a RUN's
  // are not even read: lexed-instructions.ts).
  const less = source.text.indexOf('<', start);
  if (less === -1 || less >= end) return instruction;
  const heredocs = heredocsOf(source, map.text, { args: read.args, start, end });
  if (heredocs.length === 0) return instruction;
  if (instruction.kind === 'run') return { ...instruction, heredocs };
  if (instruction.form === 'exec') return { ...instruction, heredocs };
  const words = wordsBefore(heredocs, instruction.destination === undefined ? instruction.sources : [...instruction.sources, instruction.destination]);
  return { ...instruction, sources: words.slice(0, -1), destination: words.at(-1), heredocs };
}

/** The words on lines before the first body. */
function wordsBefore(heredocs: readonly Heredoc[], words: readonly Word[]): Word[] {
  const bodyLine = heredocs.reduce((line, heredoc) => Math.min(line, heredoc.range.end.line + 1), Number.POSITIVE_INFINITY);
  return words.filter((word) => word.range.start.line < bodyLine);
}

/** What `getHeredocs` reads: the arguments after the flags and the instruction's span. */
export interface HeredocInput {
  readonly args: readonly LexedArgument[];
  readonly start: number;
  readonly end: number;
}

/** The text with `dockerfile-ast`'s offsets, and as written. */
interface Context {
  readonly source: OffsetText;
  readonly original: string;
}

/** Where the body scan stands (`getHeredocs`'s locals). */
interface BodyScan {
  escaping: boolean;
  processed: boolean;
  contentStart: number;
  contentEnd: number;
  lineStart: number;
  current: number;
  readonly definitions: LexedArgument[];
  readonly heredocs: Heredoc[];
}

/**
 * `original`: the text as written (bodies keep lone CRs, which `source` reads as spaces). The caller
 * has seen a `<` in the instruction's text (`withHeredocs`).
 */
function heredocsOf(source: OffsetText, original: string, input: HeredocInput): Heredoc[] {
  const { args } = input;
  const first = args[0];
  if (first === undefined || !args.some((arg) => arg.value.startsWith('<<'))) return [];
  const context: Context = { source, original };
  if (!source.crossesLine(input.start, input.end)) return singleLine(context, args);
  const scan: BodyScan = { escaping: false, processed: false, contentStart: -1, contentEnd: -1, lineStart: -1, current: 0, definitions: [], heredocs: [] };
  const base = first.start;
  const content = source.text.substring(base, input.end);
  for (let i = 0; i < content.length; i += 1) i = step(context, content, i, scan, input);
  if (!scan.processed) return singleLine(context, args);
  finish(context, scan, base, input.end);
  return scan.heredocs;
}

/** One character of `getHeredocs`' loop; returns the index the loop continues from. */
function step(context: Context, content: string, i: number, scan: BodyScan, input: HeredocInput): number {
  const char = content.charAt(i);
  if (char === context.source.escapeChar) {
    scan.escaping = true;
    return afterEscape(content, i);
  }
  if (char === '\r') return i;
  if (char === '\n') {
    if (!scan.escaping) lineBreak(context, i, scan, input);
    return i;
  }
  if (scan.escaping && (char === ' ' || char === '\t')) return i;
  if (scan.escaping && char === '#') {
    const newline = content.indexOf('\n', i + 1);
    if (newline !== -1) return newline;
  }
  scan.escaping = false;
  if (scan.processed) {
    if (scan.contentStart === -1) scan.contentStart = i;
    if (scan.lineStart === -1) scan.lineStart = i;
  }
  return i;
}

/** After an escape character: skips blanks, then stands on the line break or the escaped character. */
function afterEscape(content: string, i: number): number {
  for (let j = i + 1; j < content.length; j += 1) {
    const char = content.charAt(j);
    if (char === ' ' || char === '\t') continue;
    return char === '\r' ? j + 1 : j;
  }
  return i;
}

/** An unescaped line break: the first one ends the instruction's line, each later one may end a body. */
function lineBreak(context: Context, i: number, scan: BodyScan, input: HeredocInput): void {
  const { source } = context;
  const base = input.args[0]?.start ?? 0;
  if (!scan.processed) {
    for (const arg of input.args) {
      if (arg.start >= base + i) break;
      if (arg.value.startsWith('<<')) scan.definitions.push(arg);
    }
    scan.processed = true;
    scan.lineStart = -1;
    return;
  }
  if (scan.contentStart === -1) scan.contentStart = i;
  scan.contentEnd = i;
  const arg = scan.definitions[scan.current];
  // dockerfile-ast fails here (a TypeError) on a line after the last body; those lines are ignored.
  if (arg === undefined) return;
  const name = nameOf(source, arg);
  const delimiter = delimiterRange(source, arg, name, base + scan.lineStart, base + i);
  if (delimiter !== undefined) {
    const contentRange = rangeOf(source, base + scan.contentStart, base + scan.lineStart - 1);
    scan.heredocs.push(heredocOf(context, arg, name, contentRange, delimiter));
    scan.contentStart = -1;
    scan.current += 1;
  }
  scan.lineStart = -1;
}

/** The end of the loop: the last body (ended by the instruction's end or its delimiter), then the bodiless rest. */
function finish(context: Context, scan: BodyScan, base: number, end: number): void {
  const { source } = context;
  const arg = scan.definitions[scan.current];
  if (arg === undefined) return;
  const name = nameOf(source, arg);
  const delimiter = delimiterRange(source, arg, name, base + scan.lineStart, end);
  let contentRange: Offsets | undefined;
  if (delimiter === undefined) contentRange = rangeOf(source, base + scan.contentStart, end);
  else if (scan.contentEnd !== -1) contentRange = rangeOf(source, base + scan.contentStart, base + scan.contentEnd);
  scan.heredocs.push(heredocOf(context, arg, name, contentRange, delimiter));
  for (const rest of scan.definitions.slice(scan.current + 1)) scan.heredocs.push(heredocOf(context, rest, nameOf(source, rest), undefined, undefined));
}

/** `createSingleLineHeredocs`: operators without bodies (an instruction on one line). */
function singleLine(context: Context, args: readonly LexedArgument[]): Heredoc[] {
  return args
    .filter((arg) => arg.value.startsWith('<<') && heredocName(arg.value) !== undefined)
    .map((arg) => heredocOf(context, arg, nameOf(context.source, arg), undefined, undefined));
}

/** Adjusted offsets, as `positionAt` would place them. */
interface Offsets {
  readonly start: number;
  readonly end: number;
}

function rangeOf(source: OffsetText, start: number, end: number): Offsets {
  return { start: source.at(start), end: source.at(end) };
}

function heredocOf({ source, original }: Context, arg: LexedArgument, name: string, content: Offsets | undefined, delimiter: SourceRange | undefined): Heredoc {
  return {
    name,
    range: source.range(arg.start, arg.end),
    // `sliceRange` of the LSP range: `slice`, so a range running backwards is empty.
    content: content === undefined ? '' : original.slice(content.start, content.end),
    contentRange: content === undefined ? undefined : source.range(content.start, content.end),
    delimiterRange: delimiter,
  };
}

/**
 * `getDelimiterRange`: the candidate line when it is exactly the name (after leading tabs for `<<-`,
 * where the range starts at the tab count as a column of the candidate's line, as dockerfile-ast has it).
 */
function delimiterRange(source: OffsetText, arg: LexedArgument, name: string, from: number, to: number): SourceRange | undefined {
  const start = source.at(from);
  const end = source.at(to);
  const text = source.text.substring(start, end);
  if (!arg.value.startsWith('<<-')) return text === name ? source.range(start, end) : undefined;
  let index = 0;
  while (text.charAt(index) === '\t') index += 1;
  if (text.substring(index) !== name) return undefined;
  const range = source.range(start, end);
  return { start: { line: range.start.line, column: index + 1 }, end: range.end };
}
