import type { Dockerfile as AstDockerfile, Instruction } from 'dockerfile-ast';
import { DockerfileParser, From } from 'dockerfile-ast';
import './ast-memo.ts';
import type { Result, ScanError, SourceDocument } from '../core/index.ts';
import { err, ok } from '../core/index.ts';
import type { VariableScope } from './expand.ts';
import type { KnownStage } from './from.ts';
import { imageReferenceAt, missingImageReference } from './from.ts';
import type { BuildContext } from './instructions.ts';
import { toInstruction } from './instructions.ts';
import type { ImageReference, ParserDirective, Stage } from './model.ts';
import type { ParsedDockerfile } from './parse-shared.ts';
import { argDeclarations, missingImageError, noFromAt } from './parse-shared.ts';
import { SourceMap } from './source-map.ts';

/**
 * The model through `dockerfile-ast`: the reference the lexer (here-documents included) is tested
 * against. No scan uses it (docs/decisions/0034-h-heredocs-in-the-lexer.md).
 */
export function parseWithAst(source: SourceDocument): Result<ParsedDockerfile, ScanError> {
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
  const start = nodes.find((node) => node.getKeyword() !== 'ARG')?.getRange().start;
  return noFromAt(source, (start?.line ?? 0) + 1, (start?.character ?? 0) + 1);
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

function directivesOf(ast: AstDockerfile, map: SourceMap): ParserDirective[] {
  return ast.getDirectives().map((directive) => ({
    name: directive.getName(),
    value: directive.getValue(),
    range: map.range(directive.getRange()),
    nameRange: map.range(directive.getNameRange()),
    valueRange: map.range(directive.getValueRange()),
  }));
}

/**
 * The base image of a FROM instruction: global ARG defaults substituted, parts split, ranges mapped back
 * to the text as written. Undefined when the FROM names no image.
 */
function imageReferenceOf(
  node: From,
  map: SourceMap,
  scope: VariableScope,
  escapeChar: string,
  earlierStages: readonly KnownStage[],
): ImageReference | undefined {
  const imageRange = node.getImageRange();
  if (imageRange === null) return undefined;
  return imageReferenceAt(map.offset(imageRange.start), map.offset(imageRange.end), map, scope, escapeChar, earlierStages);
}
