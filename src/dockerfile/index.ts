export { dockerfileAnalyzer, isDockerfileName } from './analyzer.ts';
export type {
  ArgDeclaration,
  CommandInstruction,
  CopyInstruction,
  DockerInstruction,
  DockerfileArtifact,
  DockerfileModel,
  ExposedPort,
  ExposeInstruction,
  FromInstruction,
  HealthcheckInstruction,
  Heredoc,
  ImageReference,
  InstructionBase,
  ImageReferenceKind,
  InstructionFlag,
  InstructionKind,
  InstructionOfKind,
  KeyValueInstruction,
  KeyValuePair,
  OtherInstruction,
  ParserDirective,
  Stage,
  UserInstruction,
  Word,
  WorkdirInstruction,
} from './model.ts';
export { createDockerfileArtifact } from './model.ts';
export type { ParsedDockerfile } from './parse.ts';
export { parseDockerfile } from './parse.ts';
export { dockerfileRules } from './rules/index.ts';
export { allInstructions, effectiveInstruction, finalStage, instructionsOfKind, stageChain } from './stages.ts';
