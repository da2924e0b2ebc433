import type { SourceRange } from '../../core/index.ts';

/** One word of a command (its name or an argument), with its exact range in the Dockerfile. */
export interface ShellWord {
  /** After quote removal when `static`; the raw text otherwise. */
  readonly value: string;
  /** As written (quotes, expansions and escapes kept). */
  readonly raw: string;
  /** False when the word holds an expansion or substitution (`$PKG`, `$(cat list)`), so its value is unknown. */
  readonly static: boolean;
  readonly range: SourceRange;
}

/** The operator written before a command: how it is joined to the one before it. */
export type ShellJoin = '&&' | '||' | ';' | '|' | '|&' | '&' | 'newline';

/** A `|` (or `|&`) between two commands of a pipeline. */
export interface ShellPipe {
  readonly operator: '|' | '|&';
  readonly range: SourceRange;
  /** Indexes into `ShellScript.commands` of the commands on each side. */
  readonly left: number;
  readonly right: number;
}

/** A simple command: `name arg…` (assignments and redirections aside). */
export interface ShellCommand {
  /** Position in `ShellScript.commands` (source order). */
  readonly index: number;
  readonly name: ShellWord;
  readonly args: readonly ShellWord[];
  /** `NAME=value` words written before the command name. */
  readonly assignments: readonly ShellWord[];
  readonly range: SourceRange;
  /** The operator before this command; undefined for the first command of a script or group. */
  readonly joinedBy: ShellJoin | undefined;
  /** How many `( … )` subshells enclose the command (`$( … )` counts too). */
  readonly subshellDepth: number;
  /** Set for the command run by a wrapper (`sudo apt-get …`, `env X=1 pip …`): the wrapper's index. */
  readonly wrappedBy: number | undefined;
}

/** Where a script's text comes from. */
export type ShellScriptOrigin = 'shell-form' | 'exec-form' | 'heredoc';

export interface ShellScript {
  readonly origin: ShellScriptOrigin;
  /** Every simple command, in source order, including those inside subshells, substitutions and here-document scripts. */
  readonly commands: readonly ShellCommand[];
  readonly pipes: readonly ShellPipe[];
  /** `cd` commands with their target word (undefined for a bare `cd`). */
  readonly cdTargets: readonly { readonly command: number; readonly target: ShellWord | undefined }[];
  /** Every `NAME=value` of the script: before commands, alone, or after `export`/`declare`/`local`/`readonly`. */
  readonly assignments: readonly ShellWord[];
  /** True when the parser met a syntax error (the model keeps what it could read). */
  readonly hasErrors: boolean;
}

export const EMPTY_SCRIPT: ShellScript = Object.freeze({ origin: 'shell-form', commands: [], pipes: [], cdTargets: [], assignments: [], hasErrors: false });
