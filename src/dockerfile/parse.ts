import type { Dockerfile as AstDockerfile, Instruction } from 'dockerfile-ast';
import { DockerfileParser, From } from 'dockerfile-ast';
import './ast-memo.ts';
import type { Result, ScanError, SourceDocument } from '../core/index.ts';
import { err, ok } from '../core/index.ts';
import type { KnownStage } from './from.ts';
import { imageReferenceOf, missingImageReference } from './from.ts';
import type { BuildContext } from './instructions.ts';
import { toInstruction } from './instructions.ts';
import type { ArgDeclaration, DockerInstruction, DockerfileModel, ParserDirective, Stage } from './model.ts';
import { SourceMap } from './source-map.ts';

export interface ParsedDockerfile {
  readonly model: DockerfileModel;
  /** Problems that spoil one instruction but not the file (a FROM without an image). */
  readonly errors: readonly ScanError[];
}

/**
 * Parses a Dockerfile into the model. Binary content and a file without FROM are errors; everything
 * else is kept, positions included.
 */
export function parseDockerfile(source: SourceDocument): Result<ParsedDockerfile, ScanError> {
  const nul = source.text.indexOf('\u0000');
  if (nul !== -1) return err(errorAt(source, nul, 'Binary content (a NUL byte) is not a Dockerfile.'));
  const ast = parseAst(source);
  if (!ast.ok) return ast;
  const map = new SourceMap(source);
  const context: BuildContext = { map, escapeChar: ast.value.getEscapeCharacter() };
  const nodes = ast.value.getInstructions();
  const firstFrom = nodes.findIndex((node) => node instanceof From);
  if (firstFrom === -1) return err(noFromError(source, nodes));
  const preamble = nodes.slice(0, firstFrom).map((node) => toInstruction(node, context));
  const globalArgs = argDeclarations(preamble, new Map());
  const scope = new Map(globalArgs.map((arg) => [arg.name, arg.effectiveDefault]));
  const errors: ScanError[] = [];
  const stages: Stage[] = [];
  for (const group of stageGroups(nodes.slice(firstFrom))) {
    stages.push(buildStage(group, stages, { context, scope, source, errors }));
  }
  return ok({
    model: { escapeChar: context.escapeChar, directives: directivesOf(ast.value, map), globalArgs, preamble, stages },
    errors,
  });
}

function parseAst(source: SourceDocument): Result<AstDockerfile, ScanError> {
  try {
    // A lone CR is no line break for Docker (nor for our line index), but is one for dockerfile-ast.
    return ok(DockerfileParser.parse(source.text.replace(/\r(?!\n)/g, ' ')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err({ path: source.path, code: 'PARSE_FAILED', message: `The Dockerfile parser failed: ${reason}`, startLine: 1, startColumn: 1 });
  }
}

function noFromError(source: SourceDocument, nodes: readonly Instruction[]): ScanError {
  const first = nodes.find((node) => node.getKeyword() !== 'ARG');
  const start = first?.getRange().start;
  return {
    path: source.path,
    code: 'PARSE_FAILED',
    message: 'No FROM instruction: a Dockerfile needs at least one build stage.',
    startLine: (start?.line ?? 0) + 1,
    startColumn: (start?.character ?? 0) + 1,
  };
}

function errorAt(source: SourceDocument, offset: number, message: string): ScanError {
  const position = source.lines.positionAt(offset);
  return { path: source.path, code: 'PARSE_FAILED', message, startLine: position.line, startColumn: position.column };
}

/** Splits the instructions from the first FROM on into one group per stage, each starting with its FROM. */
function stageGroups(nodes: readonly Instruction[]): { from: From; rest: Instruction[] }[] {
  const groups: { from: From; rest: Instruction[] }[] = [];
  for (const node of nodes) {
    if (node instanceof From) groups.push({ from: node, rest: [] });
    else groups.at(-1)?.rest.push(node);
  }
  return groups;
}

interface StageInput {
  readonly context: BuildContext;
  readonly scope: ReadonlyMap<string, string | undefined>;
  readonly source: SourceDocument;
  readonly errors: ScanError[];
}

function buildStage(group: { from: From; rest: Instruction[] }, earlier: readonly Stage[], input: StageInput): Stage {
  const { context, scope } = input;
  const { map, escapeChar } = context;
  const fromInstruction = toInstruction(group.from, context);
  const known: KnownStage[] = earlier.map((stage) => ({ index: stage.index, name: stage.name }));
  const from = imageReferenceOf(group.from, map, scope, escapeChar, known);
  if (from === undefined) input.errors.push(missingImageError(input.source, fromInstruction));
  const instructions = [fromInstruction, ...group.rest.map((node) => toInstruction(node, context))];
  const last = instructions.at(-1) ?? fromInstruction;
  const platform = group.from.getPlatformFlag();
  return {
    index: earlier.length,
    name: group.from.getBuildStage() ?? undefined,
    nameRange: map.optionalRange(group.from.getBuildStageRange()),
    from: from ?? missingImageReference(fromInstruction.keywordRange),
    platform: platform?.getValue() ?? undefined,
    platformRange: map.optionalRange(platform?.getValueRange()),
    range: { start: fromInstruction.range.start, end: last.range.end },
    instructions,
    args: argDeclarations(instructions, scope),
  };
}

function missingImageError(source: SourceDocument, from: DockerInstruction): ScanError {
  return {
    path: source.path,
    code: 'PARSE_FAILED',
    message: 'FROM names no image; the stage is kept with an unresolved base.',
    startLine: from.range.start.line,
    startColumn: from.range.start.column,
  };
}

/** The ARGs among `instructions`; one without a default inherits the global default of the same name. */
function argDeclarations(instructions: readonly DockerInstruction[], globals: ReadonlyMap<string, string | undefined>): ArgDeclaration[] {
  const declarations: ArgDeclaration[] = [];
  for (const instruction of instructions) {
    if (instruction.kind !== 'arg') continue;
    for (const pair of instruction.pairs) {
      declarations.push({
        name: pair.key,
        nameRange: pair.keyRange,
        default: pair.value,
        effectiveDefault: pair.value ?? globals.get(pair.key),
      });
    }
  }
  return declarations;
}

function directivesOf(ast: AstDockerfile, map: SourceMap): ParserDirective[] {
  return ast.getDirectives().map((directive) => ({
    name: directive.getName(),
    value: directive.getValue(),
    range: map.range(directive.getRange()),
    nameRange: map.range(directive.getNameRange()),
    valueRange: map.range(directive.getValueRange()),
  }));
}
