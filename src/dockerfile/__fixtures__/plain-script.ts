import type { ShellScript, ShellWord } from '../shell/model.ts';

/**
 * A shell model with each word's range read out, for `deepEqual`: the common parser's words map their
 * range only when it is read (an accessor, which `deepEqual` does not compare), tree-sitter's words
 * hold it as a field (decision 0040-d-shell-words-mapped-when-read).
 */
export function plainScript(script: ShellScript): unknown {
  const word = (item: ShellWord) => ({ value: item.value, raw: item.raw, static: item.static, range: item.range });
  const commands = script.commands.map((command) => ({ ...command, name: word(command.name), args: command.args.map(word), assignments: command.assignments.map(word) }));
  const cdTargets = script.cdTargets.map((cd) => ({ ...cd, target: cd.target === undefined ? undefined : word(cd.target) }));
  return { ...script, commands, cdTargets, assignments: script.assignments.map(word) };
}
