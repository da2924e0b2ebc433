import assert from 'node:assert/strict';
import type { ScanError, SourceRange } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import type { DockerInstruction, DockerfileModel, Stage } from '../model.ts';
import { parseDockerfile } from '../parse.ts';

/** Test helpers for the parse tests. */

/** `'2:5-3:9'` → a range (1-based, end exclusive). */
export function r(spec: string): SourceRange {
  const match = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(spec);
  assert.ok(match, `bad range spec ${spec}`);
  const [, startLine, startColumn, endLine, endColumn] = match.map(Number);
  return { start: { line: startLine ?? 0, column: startColumn ?? 0 }, end: { line: endLine ?? 0, column: endColumn ?? 0 } };
}

/** Parses `text`, asserting that it parses without any error. */
export function parse(text: string): DockerfileModel {
  const result = parseDockerfile(createSourceDocument('Dockerfile', text));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.deepEqual(result.value.errors, []);
  return result.value.model;
}

/** Parses `text` as `build/Dockerfile`, asserting that it fails. */
export function parseError(text: string): ScanError {
  const result = parseDockerfile(createSourceDocument('build/Dockerfile', text));
  assert.ok(!result.ok, 'expected a parse error');
  return result.error;
}

export function stage(model: DockerfileModel, index: number): Stage {
  const found = model.stages[index];
  assert.ok(found, `no stage ${index}`);
  return found;
}

export function instruction(model: DockerfileModel, stageIndex: number, index: number): DockerInstruction {
  const found = stage(model, stageIndex).instructions[index];
  assert.ok(found, `no instruction ${index} in stage ${stageIndex}`);
  return found;
}

export function withoutInstructions(value: Stage): Omit<Stage, 'instructions'> {
  const { instructions: _instructions, ...rest } = value;
  return rest;
}
