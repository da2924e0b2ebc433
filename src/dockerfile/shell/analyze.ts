import type { SourceRange } from '../../core/index.ts';
import { recentMemo } from '../../core/index.ts';
import { parseExecForm } from '../exec-form.ts';
import { joinLines, sourceOffset } from '../logical-text.ts';
import { PositionCursor } from '../positions.ts';
import type { CommandInstruction, DockerInstruction, DockerfileArtifact, Stage } from '../model.ts';
import type { RangeMapper, ShellEngine } from './build.ts';
import { buildScript, MAX_SCRIPT_LENGTH } from './build.ts';
import type { ShellCommand, ShellScript } from './model.ts';
import { EMPTY_SCRIPT } from './model.ts';
import type { ShellPragma } from './pragma.ts';
import { shellPragmas } from './pragma.ts';

/** One RUN of a stage whose shell is POSIX, with its parsed script. */
export interface ShellRun {
  readonly stage: Stage;
  readonly instruction: CommandInstruction<'run'>;
  readonly script: ShellScript;
  /** The SHELL in effect (`["/bin/sh", "-c"]` unless a SHELL instruction says otherwise). */
  readonly shell: readonly string[];
}

export const DEFAULT_SHELL: readonly string[] = Object.freeze(['/bin/sh', '-c']);
const NON_POSIX = new Set(['pwsh', 'powershell', 'cmd']);
const WINDOWS_IMAGE = /(?:^|\/)(?:windows|nanoserver|servercore|windowsservercore)(?:\/|$)|(?:^|\/)windows\/(?:servercore|nanoserver)/i;

/** `RUN <<EOF` (only here-document operators on the line): Docker runs each body as a script. */
const BARE_HEREDOCS = /^\s*(?:<<-?\s*(["']?)[\w.-]+\1\s*)+$/;

/**
 * Every RUN whose shell is POSIX, in file order, each parsed once (kept for the file the rules are
 * checking: see core/recent-memo.ts). Stages whose SHELL is PowerShell or cmd (by a SHELL instruction or a
 * `# hadolint shell=` pragma), and Windows base images, are left out: shell rules do not apply there.
 */
export const shellRuns: (dockerfile: DockerfileArtifact) => readonly ShellRun[] = recentMemo(1, findShellRuns);

function findShellRuns(dockerfile: DockerfileArtifact): readonly ShellRun[] {
  const runs: ShellRun[] = [];
  const finalShells: (readonly string[])[] = [];
  const pragmas = shellPragmas(dockerfile);
  for (const stage of dockerfile.stages) {
    let shell = initialShell(stage, finalShells);
    for (const instruction of stage.instructions) {
      shell = pragmaShell(pragmas, stage, instruction) ?? shell;
      if (instruction.kind === 'other' && instruction.keyword === 'SHELL') shell = shellOf(instruction, dockerfile.escapeChar) ?? shell;
      if (instruction.kind !== 'run' || !isPosixShell(shell)) continue;
      runs.push({ stage, instruction, script: buildRunScript(dockerfile, instruction), shell });
    }
    finalShells.push(shell);
  }
  return Object.freeze(runs);
}

/** The shell of the last `# hadolint shell=` pragma between the stage's FROM and this instruction, if any. */
function pragmaShell(pragmas: readonly ShellPragma[], stage: Stage, instruction: DockerInstruction): readonly string[] | undefined {
  if (pragmas.length === 0) return undefined;
  const from = stage.range.start.line;
  const before = instruction.range.start.line;
  return pragmas.findLast((pragma) => pragma.line > from && pragma.line < before)?.shell;
}

function initialShell(stage: Stage, finalShells: readonly (readonly string[])[]): readonly string[] {
  if (stage.from.kind === 'stage') return finalShells[stage.from.stageIndex ?? -1] ?? DEFAULT_SHELL;
  if (stage.from.kind === 'image' && WINDOWS_IMAGE.test(stage.from.name)) return ['cmd', '/S', '/C'];
  return DEFAULT_SHELL;
}

/** The argv of a `SHELL ["…", …]` instruction; undefined when it is not a JSON array. */
export function shellOf(instruction: DockerInstruction, escapeChar: string): string[] | undefined {
  const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const text = instruction.arguments.replace(new RegExp(`${escape}[ \\t]*\\r?\\n`, 'g'), '');
  const strings = parseExecForm(text)?.map((item) => item.value);
  return strings === undefined || strings.length === 0 ? undefined : strings;
}

/** True for sh, bash, ash, dash, zsh, ksh (any path); false for PowerShell and cmd. */
export function isPosixShell(shell: readonly string[]): boolean {
  // Asked for every RUN, nearly always with the default shell.
  if (shell === DEFAULT_SHELL) return true;
  const program = (shell[0] ?? '').split(/[\\/]/).at(-1)?.toLowerCase().replace(/\.exe$/, '') ?? '';
  return !NON_POSIX.has(program);
}

/**
 * The parsed shell of a RUN (exec form: one command with its argv): the script `shellRuns` holds for
 * it, else (a RUN of a PowerShell or cmd stage) parsed anew.
 */
export function scriptOf(dockerfile: DockerfileArtifact, instruction: CommandInstruction): ShellScript {
  return shellRuns(dockerfile).find((run) => run.instruction === instruction)?.script ?? buildRunScript(dockerfile, instruction);
}

/** The parsed shell of a RUN, not cached; `engine` picks the parser (tests compare the two). */
export function buildRunScript(dockerfile: DockerfileArtifact, instruction: CommandInstruction, engine: ShellEngine = 'auto'): ShellScript {
  return instruction.form === 'exec' ? execScript(instruction) : shellFormScript(dockerfile, instruction, engine);
}

function execScript(instruction: CommandInstruction): ShellScript {
  const [first, ...rest] = instruction.exec;
  if (first === undefined) return { ...EMPTY_SCRIPT, origin: 'exec-form' };
  const word = (item: { value: string; range: SourceRange }) => ({ value: item.value, raw: item.value, static: true, range: item.range });
  const last = instruction.exec.at(-1) ?? first;
  const command: ShellCommand = {
    index: 0,
    name: word(first),
    args: rest.map(word),
    assignments: [],
    range: { start: first.range.start, end: last.range.end },
    joinedBy: undefined,
    subshellDepth: 0,
    wrappedBy: undefined,
  };
  return { origin: 'exec-form', commands: [command], pipes: [], cdTargets: [], assignments: [], hasErrors: false };
}

function shellFormScript(dockerfile: DockerfileArtifact, instruction: CommandInstruction, engine: ShellEngine): ShellScript {
  const range = instruction.commandRange;
  if (range === undefined) return EMPTY_SCRIPT;
  const { lines, text } = dockerfile.source;
  const start = lines.lineStart(range.start.line) + range.start.column - 1;
  const end = lines.lineStart(range.end.line) + range.end.column - 1;
  if (end - start > MAX_SCRIPT_LENGTH) return { ...EMPTY_SCRIPT, hasErrors: true };
  const logical = joinLines(text, start, end, dockerfile.escapeChar);
  const lineEnd = logical.end;
  if (BARE_HEREDOCS.test(logical.text)) return bareHeredocScript(dockerfile, instruction, engine);
  const rest = instruction.heredocs.length > 0 && lineEnd < end ? text.slice(lineEnd, end) : '';
  const at = (index: number): number => (index < logical.text.length ? sourceOffset(logical, index) : lineEnd + (index - logical.text.length));
  const cursor = new PositionCursor(lines);
  const map: RangeMapper = (from, to) => cursor.range(at(from), to > from ? at(to - 1) + 1 : at(from));
  return buildScript(logical.text + rest, map, instruction.heredocs.length > 0 ? 'heredoc' : 'shell-form', engine);
}

function bareHeredocScript(dockerfile: DockerfileArtifact, instruction: CommandInstruction, engine: ShellEngine): ShellScript {
  const { lines } = dockerfile.source;
  const commands: ShellCommand[] = [];
  const pipes: ShellScript['pipes'][number][] = [];
  const cdTargets: ShellScript['cdTargets'][number][] = [];
  const assignments: ShellScript['assignments'][number][] = [];
  let hasErrors = false;
  for (const heredoc of instruction.heredocs) {
    const range = heredoc.contentRange;
    if (range === undefined || isForeignShebang(heredoc.content)) continue;
    const base = lines.lineStart(range.start.line) + range.start.column - 1;
    const script = buildScript(heredoc.content, (from, to) => lines.rangeOf(base + from, base + to), 'heredoc', engine);
    const shift = commands.length;
    commands.push(...script.commands.map((command) => ({ ...command, index: command.index + shift, wrappedBy: command.wrappedBy === undefined ? undefined : command.wrappedBy + shift })));
    pipes.push(...script.pipes.map((pipe) => ({ ...pipe, left: pipe.left + shift, right: pipe.right + shift })));
    cdTargets.push(...script.cdTargets.map((cd) => ({ ...cd, command: cd.command + shift })));
    assignments.push(...script.assignments);
    hasErrors ||= script.hasErrors;
  }
  return { origin: 'heredoc', commands, pipes, cdTargets, assignments, hasErrors };
}

/** A body starting with `#!/usr/bin/env python3` (or any non-shell interpreter) is not shell. */
export function isForeignShebang(text: string): boolean {
  return /^#!/.test(text) && !/^#!\s*\S*\/(?:env\s+)?(?:ba|z|k|da|a)?sh\b/.test(text);
}
