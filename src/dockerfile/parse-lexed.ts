import type { Result, ScanError, SourceDocument } from '../core/index.ts';
import { err, ok } from '../core/index.ts';
import type { KnownStage } from './from.ts';
import { imageReferenceAt, missingImageReference } from './from.ts';
import type { LexedContext, ReadInstruction } from './lexed-instructions.ts';
import { withHeredocs } from './heredoc.ts';
import { lexedInstruction, readInstruction } from './lexed-instructions.ts';
import type { LexedDirective } from './lexer.ts';
import { lexDockerfile } from './lexer.ts';
import { OffsetText } from './lexer-arguments.ts';
import type { DockerInstruction, ParserDirective, Stage } from './model.ts';
import type { ParsedDockerfile } from './parse-shared.ts';
import { argDeclarations, missingImageError, noFromAt } from './parse-shared.ts';
import { SourceMap } from './source-map.ts';

/** `parseWithAst`'s model from our lexer (lexer.ts), here-documents included (heredoc.ts). */
export function parseLexed(source: SourceDocument): Result<ParsedDockerfile, ScanError> {
  // A lone CR is no line break for Docker (nor for our line index), but is one for dockerfile-ast.
  const text = source.text.includes('\r') ? source.text.replace(/\r(?!\n)/g, ' ') : source.text;
  const lexed = lexDockerfile(text, (line) => source.lines.lineStart(line));
  const offsets = new OffsetText(text, lexed.escapeChar, source.lines);
  const context: LexedContext = { source: offsets, map: new SourceMap(source) };
  const nodes = lexed.instructions.map((node) => readInstruction(offsets, node));
  const firstFrom = nodes.findIndex((node) => node.keyword === 'FROM');
  if (firstFrom === -1) {
    const start = nodes.find((node) => node.keyword !== 'ARG')?.node.start;
    const position = start === undefined ? { line: 1, column: 1 } : source.lines.positionAt(offsets.at(start));
    return err(noFromAt(source, position.line, position.column));
  }
  const preamble = nodes.slice(0, firstFrom).map((node) => instructionOf(node, context));
  const globalArgs = argDeclarations(preamble, new Map());
  const scope = new Map(globalArgs.map((arg) => [arg.name, arg.effectiveDefault]));
  const errors: ScanError[] = [];
  const stages: Stage[] = [];
  let group: ReadInstruction[] = [];
  for (const node of nodes.slice(firstFrom)) {
    if (node.keyword === 'FROM' && group.length > 0) {
      stages.push(buildStage(group, stages, { context, scope, source, errors }));
      group = [];
    }
    group.push(node);
  }
  stages.push(buildStage(group, stages, { context, scope, source, errors }));
  const directives = lexed.directives.map((directive) => directiveOf(directive, offsets));
  errors.push(...unterminatedHeredocs(source, [...preamble, ...stages.flatMap((stage) => stage.instructions)]));
  return ok({ model: { escapeChar: lexed.escapeChar, directives, globalArgs, preamble, stages }, errors });
}

/**
 * A here-document without its delimiter line (its body runs to the end of the file, or it has no
 * body at all): the model keeps it as read, and the file gets an error entry at the operator.
 */
function unterminatedHeredocs(source: SourceDocument, instructions: readonly DockerInstruction[]): ScanError[] {
  const errors: ScanError[] = [];
  for (const instruction of instructions) {
    if (instruction.kind !== 'run' && instruction.kind !== 'copy') continue;
    for (const heredoc of instruction.heredocs) {
      if (heredoc.delimiterRange !== undefined) continue;
      const { line, column } = heredoc.range.start;
      const message = `The here-document ${JSON.stringify(heredoc.name)} of ${instruction.keyword} has no line ${JSON.stringify(heredoc.name)} closing it.`;
      errors.push({ path: source.path, code: 'PARSE_FAILED', message, startLine: line, startColumn: column });
    }
  }
  return errors;
}

function instructionOf(node: ReadInstruction, context: LexedContext): DockerInstruction {
  return withHeredocs(lexedInstruction(node, context), node, context);
}

interface StageInput {
  readonly context: LexedContext;
  readonly scope: ReadonlyMap<string, string | undefined>;
  readonly source: SourceDocument;
  readonly errors: ScanError[];
}

/** One stage: `group` starts with its FROM. */
function buildStage(group: readonly ReadInstruction[], earlier: readonly Stage[], input: StageInput): Stage {
  const { context, scope } = input;
  const { source: offsets, map } = context;
  const instructions = group.map((node) => instructionOf(node, context));
  const [from, image, as, alias] = [group[0], group[0]?.args[0], group[0]?.args[1], group[0]?.args[2]];
  const fromInstruction = instructions[0];
  if (from === undefined || fromInstruction === undefined) throw new Error('a stage starts with its FROM');
  const known: KnownStage[] = earlier.map((stage) => ({ index: stage.index, name: stage.name }));
  const reference = image === undefined ? undefined : imageReferenceAt(image.start, image.end, map, scope, offsets.escapeChar, known);
  if (reference === undefined) input.errors.push(missingImageError(input.source, fromInstruction));
  const named = alias !== undefined && as?.value.toUpperCase() === 'AS';
  const platform = from.flags.length === 1 && from.flags[0]?.name === 'platform' ? from.flags[0] : undefined;
  const last = instructions.at(-1) ?? fromInstruction;
  return {
    index: earlier.length,
    name: named ? offsets.text.substring(alias.start, alias.end) : undefined,
    nameRange: named ? offsets.range(alias.start, alias.end) : undefined,
    from: reference ?? missingImageReference(fromInstruction.keywordRange),
    platform: platform?.value,
    platformRange: platform?.valueStart === undefined || platform.valueEnd === undefined ? undefined : offsets.range(platform.valueStart, platform.valueEnd),
    range: { start: fromInstruction.range.start, end: last.range.end },
    instructions,
    args: argDeclarations(instructions, scope),
  };
}

function directiveOf(directive: LexedDirective, offsets: OffsetText): ParserDirective {
  const { text } = offsets;
  const nameStart = offsets.at(directive.nameStart);
  const nameEnd = offsets.at(directive.nameEnd);
  const valueStart = offsets.at(directive.valueStart);
  const valueEnd = offsets.at(directive.valueEnd);
  return {
    name: text.substring(nameStart, nameEnd),
    value: text.substring(valueStart, valueEnd),
    range: offsets.range(offsets.at(directive.start), offsets.at(directive.end)),
    nameRange: offsets.range(nameStart, nameEnd),
    valueRange: offsets.range(valueStart, valueEnd),
  };
}
