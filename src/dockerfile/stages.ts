import { nullThrows, recentMemo } from '../core/index.ts';
import type { DockerInstruction, DockerfileModel, InstructionKind, InstructionOfKind, Stage } from './model.ts';

/** The stage a plain `docker build` produces. */
export function finalStage(dockerfile: DockerfileModel): Stage {
  return nullThrows(dockerfile.stages.at(-1), 'a parsed Dockerfile has at least one stage');
}

/** The stage, then the earlier stage it is built FROM, and so on: the stages whose settings it inherits. */
export function stageChain(dockerfile: DockerfileModel, stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  while (current.from.kind === 'stage') {
    const parent = dockerfile.stages[current.from.stageIndex ?? -1];
    if (parent === undefined || parent.index >= current.index) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

export function instructionsOfKind<K extends InstructionKind>(stage: Stage, kind: K): InstructionOfKind<K>[] {
  return stage.instructions.filter((instruction): instruction is InstructionOfKind<K> => instruction.kind === kind);
}

/**
 * The instruction of `kind` in effect for a stage: its own last one or, when it has none, the last one
 * of the stage it is built FROM, and so on (USER, HEALTHCHECK, CMD are inherited that way).
 */
export function effectiveInstruction<K extends InstructionKind>(dockerfile: DockerfileModel, stage: Stage, kind: K): InstructionOfKind<K> | undefined {
  for (const member of stageChain(dockerfile, stage)) {
    const last = instructionsOfKind(member, kind).at(-1);
    if (last !== undefined) return last;
  }
  return undefined;
}

/**
 * Every instruction of the file in order: the preamble, then each stage's (built once for the file the
 * rules are checking, as many of them ask: core/recent-memo.ts).
 */
export const allInstructions: (dockerfile: DockerfileModel) => readonly DockerInstruction[] = recentMemo(1, (dockerfile: DockerfileModel) =>
  Object.freeze([...dockerfile.preamble, ...dockerfile.stages.flatMap((stage) => stage.instructions)]),
);

/** Instructions of `kind` that a later one of the same stage replaces (only the last CMD or ENTRYPOINT counts). */
export function overriddenInstructions<K extends InstructionKind>(
  stage: Stage,
  kind: K,
): { readonly instruction: InstructionOfKind<K>; readonly replacedBy: InstructionOfKind<K> }[] {
  const all = instructionsOfKind(stage, kind);
  const last = all.at(-1);
  if (last === undefined) return [];
  return all.slice(0, -1).map((instruction) => ({ instruction, replacedBy: last }));
}
