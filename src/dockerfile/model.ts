import type { Artifact, Location, ReportTarget, SourceDocument, SourceRange } from '../core/index.ts';
import { locationFromRange } from '../core/index.ts';

/** A parser directive at the top of the file (`# syntax=…`, `# escape=…`). */
export interface ParserDirective {
  readonly name: string;
  readonly value: string;
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  readonly valueRange: SourceRange;
}

/** One token as written, with its range (quotes kept in `range`; `value` as the instruction reads it). */
export interface Word {
  readonly value: string;
  readonly range: SourceRange;
}

/** A `--name=value` flag of an instruction (`--platform`, `--from`, `--chown`, `--mount`, …). */
export interface InstructionFlag {
  readonly name: string;
  /** Undefined for a bare flag (`--link`). */
  readonly value: string | undefined;
  readonly range: SourceRange;
  readonly nameRange: SourceRange;
  readonly valueRange: SourceRange | undefined;
}

/** A `key=value` (or legacy `key value`) pair of ENV, ARG or LABEL. */
export interface KeyValuePair {
  readonly key: string;
  readonly keyRange: SourceRange;
  /** Unquoted and unescaped; undefined when no value is given (`ARG NAME`). */
  readonly value: string | undefined;
  /** The value as written, quotes included. */
  readonly valueRange: SourceRange | undefined;
}

/** A here-document (`RUN <<EOF … EOF`). */
export interface Heredoc {
  readonly name: string;
  /** The `<<EOF` operator with its name. */
  readonly range: SourceRange;
  readonly content: string;
  readonly contentRange: SourceRange | undefined;
  readonly delimiterRange: SourceRange | undefined;
}

/** What every instruction has. */
export interface InstructionBase {
  /** Upper case, whatever the case in the file. */
  readonly keyword: string;
  /** The whole instruction, continuation lines and here-document bodies included. */
  readonly range: SourceRange;
  readonly keywordRange: SourceRange;
  /** Everything after the keyword exactly as written (flags, continuations, here-documents). */
  readonly arguments: string;
  readonly argumentsRange: SourceRange | undefined;
  readonly flags: readonly InstructionFlag[];
}

/** FROM: the image, alias and platform are on the `Stage` it opens. */
export interface FromInstruction extends InstructionBase {
  readonly kind: 'from';
}

export interface KeyValueInstruction<K extends 'arg' | 'env' | 'label' = 'arg' | 'env' | 'label'> extends InstructionBase {
  readonly kind: K;
  readonly pairs: readonly KeyValuePair[];
}

/** RUN, CMD and ENTRYPOINT. The shell in `command` is not parsed here. */
export interface CommandInstruction<K extends 'run' | 'cmd' | 'entrypoint' = 'run' | 'cmd' | 'entrypoint'> extends InstructionBase {
  readonly kind: K;
  /** `exec` when the arguments are a JSON array of strings, as Docker decides; anything else is `shell`. */
  readonly form: 'exec' | 'shell';
  /** The command after the flags, as written (continuations and here-document bodies included). */
  readonly command: string;
  readonly commandRange: SourceRange | undefined;
  /** The JSON array's strings when `form` is `exec`; empty otherwise. */
  readonly exec: readonly Word[];
  readonly heredocs: readonly Heredoc[];
}

export interface CopyInstruction<K extends 'add' | 'copy' = 'add' | 'copy'> extends InstructionBase {
  readonly kind: K;
  readonly form: 'exec' | 'shell';
  readonly sources: readonly Word[];
  readonly destination: Word | undefined;
  readonly heredocs: readonly Heredoc[];
}

export interface UserInstruction extends InstructionBase {
  readonly kind: 'user';
  /** The whole `user[:group]` value as written. */
  readonly value: string;
  readonly valueRange: SourceRange | undefined;
  /** Unquoted user name or id. */
  readonly user: string;
  readonly group: string | undefined;
}

export interface ExposedPort {
  /** The token as written (`80/tcp`, `8000-8010`, `${PORT}`). */
  readonly value: string;
  /** The port or port range without the protocol. */
  readonly port: string;
  readonly protocol: string | undefined;
  readonly range: SourceRange;
}

export interface ExposeInstruction extends InstructionBase {
  readonly kind: 'expose';
  readonly ports: readonly ExposedPort[];
}

export interface WorkdirInstruction extends InstructionBase {
  readonly kind: 'workdir';
  /** Unquoted path, continuations joined. */
  readonly path: string;
  readonly pathRange: SourceRange | undefined;
}

export interface HealthcheckInstruction extends InstructionBase {
  readonly kind: 'healthcheck';
  /** `HEALTHCHECK NONE`. */
  readonly disabled: boolean;
  /** `CMD` or `NONE` as written. */
  readonly subcommand: Word | undefined;
}

/** Any other instruction (MAINTAINER, SHELL, VOLUME, STOPSIGNAL, ONBUILD, unknown keywords). */
export interface OtherInstruction extends InstructionBase {
  readonly kind: 'other';
}

export type DockerInstruction =
  | FromInstruction
  | KeyValueInstruction<'arg'>
  | KeyValueInstruction<'env'>
  | KeyValueInstruction<'label'>
  | CommandInstruction<'run'>
  | CommandInstruction<'cmd'>
  | CommandInstruction<'entrypoint'>
  | CopyInstruction<'add'>
  | CopyInstruction<'copy'>
  | UserInstruction
  | ExposeInstruction
  | WorkdirInstruction
  | HealthcheckInstruction
  | OtherInstruction;

export type InstructionKind = DockerInstruction['kind'];

/** The instruction type of one kind (`InstructionOfKind<'user'>` is `UserInstruction`). */
export type InstructionOfKind<K extends InstructionKind> = Extract<DockerInstruction, { readonly kind: K }>;

/**
 * The base of a stage. `image` names a registry image, `scratch` the empty image, `stage` an earlier
 * stage's alias, `unresolved` a reference with a variable that has no value.
 */
export type ImageReferenceKind = 'image' | 'scratch' | 'stage' | 'unresolved';

export interface ImageReference {
  readonly kind: ImageReferenceKind;
  /** As written, variables unexpanded. */
  readonly raw: string;
  /** After substituting global ARG defaults (variables without a value are left as written). */
  readonly text: string;
  /** The whole reference as written. */
  readonly range: SourceRange;
  readonly registry: string | undefined;
  /** The path after the registry (`library/node` only if written so). */
  readonly repository: string;
  /** Registry and repository: the reference without tag and digest. */
  readonly name: string;
  readonly nameRange: SourceRange;
  readonly tag: string | undefined;
  readonly tagRange: SourceRange | undefined;
  readonly digest: string | undefined;
  readonly digestRange: SourceRange | undefined;
  /** For `stage`: the index of the stage referred to. */
  readonly stageIndex: number | undefined;
}

/** An ARG declaration, with the default in effect in its scope. */
export interface ArgDeclaration {
  readonly name: string;
  readonly nameRange: SourceRange;
  /** The default written in this declaration. */
  readonly default: string | undefined;
  /** This declaration's default or, inside a stage, the global ARG's default it inherits. */
  readonly effectiveDefault: string | undefined;
}

export interface Stage {
  readonly index: number;
  /** The alias (`AS name`) as written. */
  readonly name: string | undefined;
  readonly nameRange: SourceRange | undefined;
  readonly from: ImageReference;
  /** The `--platform` value as written. */
  readonly platform: string | undefined;
  readonly platformRange: SourceRange | undefined;
  /** From the FROM keyword to the end of the stage's last instruction. */
  readonly range: SourceRange;
  /** The stage's instructions, its FROM first. */
  readonly instructions: readonly DockerInstruction[];
  /** ARGs declared in the stage, in order. */
  readonly args: readonly ArgDeclaration[];
}

export interface DockerfileModel {
  readonly escapeChar: string;
  readonly directives: readonly ParserDirective[];
  /** ARGs declared before the first FROM. */
  readonly globalArgs: readonly ArgDeclaration[];
  /** Instructions before the first FROM (only ARG is valid there). */
  readonly preamble: readonly DockerInstruction[];
  /** At least one. */
  readonly stages: readonly Stage[];
}

/** One Dockerfile, as rules read it. */
export interface DockerfileArtifact extends Artifact, DockerfileModel {
  readonly kind: 'dockerfile';
  /** Tells a Dockerfile from the `.dockerignore` variant of the same artifact kind (see dockerignore.ts). */
  readonly variant: 'dockerfile';
}

/** One artifact per file, so its identity is constant. */
export const DOCKERFILE_IDENTITY = 'dockerfile';

export function createDockerfileArtifact(source: SourceDocument, model: DockerfileModel): DockerfileArtifact {
  return Object.freeze({
    ...model,
    kind: 'dockerfile',
    variant: 'dockerfile',
    source,
    identity: DOCKERFILE_IDENTITY,
    locate: locatorOf(source),
  });
}

/**
 * What a project rule keeps of a Dockerfile it may report on: an artifact that locates, quotes and
 * fingerprints findings exactly as the Dockerfile does, but holds only its source, not its model, so
 * that the scan need not keep the parsed Dockerfile alive until the project rules run.
 */
export function reportingArtifact(dockerfile: DockerfileArtifact): Artifact {
  const { source, fingerprintPath, waivers } = dockerfile;
  return Object.freeze({
    kind: dockerfile.kind,
    source,
    identity: dockerfile.identity,
    locate: locatorOf(source),
    ...(fingerprintPath === undefined ? {} : { fingerprintPath }),
    ...(waivers === undefined ? {} : { waivers }),
  });
}

/** A Dockerfile's `locate`: ranges as they are, anything else the whole file. */
function locatorOf(source: SourceDocument): (target: ReportTarget) => Location {
  return (target) => ('range' in target ? locationFromRange(source.path, target.range) : { path: source.path });
}
