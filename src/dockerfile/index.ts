export { dockerfileAnalyzer } from './analyzer.ts';
export type { DockerignoreArtifact, DockerignorePattern } from './dockerignore.ts';
export { dockerfilesOnly, isDockerignoreArtifact, isDockerignoreName } from './dockerignore.ts';
export type { HadolintConfigProblem, HadolintSettings } from './hadolint-config.ts';
export { HADOLINT_SEVERITY_MAP, parseHadolintConfig } from './hadolint-config.ts';
export type { HadolintRule, HadolintSeverity } from './hadolint-rules.ts';
export { HADOLINT_NOT_IMPLEMENTED, HADOLINT_RULES } from './hadolint-rules.ts';
export type { BaseImagePolicy } from './image-policy.ts';
export { BASE_IMAGE_POLICY_OPTIONS, globToRegExp, normalisedName, normalisedRegistry } from './image-policy.ts';
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
export { isDockerfileName, matchesDockerfileArea } from './matcher.ts';
export { createDockerfileArtifact } from './model.ts';
export type { ParsedDockerfile } from './parse.ts';
export { parseDockerfile } from './parse.ts';
export { dockerfileRules } from './rules/index.ts';
export { allInstructions, effectiveInstruction, finalStage, instructionsOfKind, stageChain } from './stages.ts';
