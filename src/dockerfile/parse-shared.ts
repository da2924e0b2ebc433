import type { ScanError, SourceDocument } from '../core/index.ts';
import type { ArgDeclaration, DockerInstruction, DockerfileModel } from './model.ts';

export interface ParsedDockerfile {
  readonly model: DockerfileModel;
  /** Problems that spoil one instruction but not the file (a FROM without an image). */
  readonly errors: readonly ScanError[];
}

/** The ARGs among `instructions`; one without a default inherits the global default of the same name. */
export function argDeclarations(instructions: readonly DockerInstruction[], globals: ReadonlyMap<string, string | undefined>): ArgDeclaration[] {
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

export function missingImageError(source: SourceDocument, from: DockerInstruction): ScanError {
  return {
    path: source.path,
    code: 'PARSE_FAILED',
    message: 'FROM names no image; the stage is kept with an unresolved base.',
    startLine: from.range.start.line,
    startColumn: from.range.start.column,
  };
}

/** A file without FROM, reported where the first instruction other than ARG is (1-based). */
export function noFromAt(source: SourceDocument, line: number, column: number): ScanError {
  return {
    path: source.path,
    code: 'PARSE_FAILED',
    message: 'No FROM instruction: a Dockerfile needs at least one build stage.',
    startLine: line,
    startColumn: column,
  };
}

export function errorAt(source: SourceDocument, offset: number, message: string): ScanError {
  const position = source.lines.positionAt(offset);
  return { path: source.path, code: 'PARSE_FAILED', message, startLine: position.line, startColumn: position.column };
}
