import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import type { DockerfileModel } from './model.ts';
import { parseDockerfile } from './parse.ts';
import { allInstructions, effectiveInstruction, finalStage, instructionsOfKind, overriddenInstructions, stageChain } from './stages.ts';

function parse(text: string): DockerfileModel {
  const result = parseDockerfile(createSourceDocument('Dockerfile', text));
  assert.ok(result.ok);
  return result.value.model;
}

const MODEL = parse(
  ['ARG V=1', 'FROM alpine:3.20 AS base', 'USER app', 'CMD ["a"]', 'FROM alpine:3.20 AS other', 'USER root', 'FROM base AS mid', 'CMD ["b"]', 'CMD ["c"]', 'FROM mid', ''].join('\n'),
);

describe('stage helpers', () => {
  it('finds the final stage and its chain of bases', () => {
    const last = finalStage(MODEL);
    assert.equal(last.index, 3);
    assert.deepEqual(
      stageChain(MODEL, last).map((stage) => stage.index),
      [3, 2, 0],
    );
  });

  it('finds the instruction in effect through the chain', () => {
    const last = finalStage(MODEL);
    assert.deepEqual(effectiveInstruction(MODEL, last, 'user')?.range.start, { line: 3, column: 1 });
    assert.deepEqual(effectiveInstruction(MODEL, last, 'cmd')?.range.start, { line: 9, column: 1 });
    assert.equal(effectiveInstruction(MODEL, last, 'healthcheck'), undefined);
  });

  it('lists instructions by kind, all of them, and the overridden ones', () => {
    const mid = MODEL.stages[2];
    assert.ok(mid);
    assert.deepEqual(
      instructionsOfKind(mid, 'cmd').map((cmd) => cmd.exec.map((word) => word.value)),
      [['b'], ['c']],
    );
    assert.deepEqual(
      overriddenInstructions(mid, 'cmd').map(({ instruction, replacedBy }) => [instruction.range.start.line, replacedBy.range.start.line]),
      [[8, 9]],
    );
    assert.deepEqual(overriddenInstructions(mid, 'entrypoint'), []);
    assert.deepEqual(
      allInstructions(MODEL).map((instruction) => instruction.keyword),
      ['ARG', 'FROM', 'USER', 'CMD', 'FROM', 'USER', 'FROM', 'CMD', 'CMD', 'FROM'],
    );
  });
});
