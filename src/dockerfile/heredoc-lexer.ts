/**
 * Where an instruction with here-documents ends: `dockerfile-ast`'s `Parser.processHeredocs`,
 * `Parser.parseHeredoc` and `Util.parseHeredocName`, ported on offsets with their quirks (every body is
 * read as `<<-` once one operator of the line is; an unterminated body runs to the end of the file).
 * See docs/decisions/0034-h-heredocs-in-the-lexer.md.
 */
import type { EscapedText, LexedArgument } from './lexer-arguments.ts';
import { flagsOf, rawArguments, stopsFlags } from './lexer-arguments.ts';
import type { LexedInstruction } from './lexer.ts';

const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

/**
 * The offset where the instruction whose first line ends at `newline` really ends: after the
 * delimiter line of its last here-document, or `newline` when it has none.
 */
export function heredocsEnd(source: EscapedText, probe: LexedInstruction, newline: number): number {
  const names: string[] = [];
  let tabbed = false;
  for (const arg of heredocArguments(source, probe)) {
    const { value } = arg;
    if (!value.startsWith('<<') || value.length <= 2) continue;
    if (value.startsWith('<<-')) tabbed = true;
    const name = heredocName(value);
    if (name !== undefined) names.push(name);
  }
  let offset = newline;
  for (const name of names) offset = bodyEnd(source.text, name, offset, tabbed);
  return offset;
}

/** The arguments (flags left out) of an ADD, COPY or RUN, also as the trigger of an ONBUILD; [] for the rest. */
function heredocArguments(source: EscapedText, probe: LexedInstruction): readonly LexedArgument[] {
  let node = probe;
  let keyword = probe.instruction.toUpperCase();
  if (keyword === 'ONBUILD') {
    const trigger = rawArguments(source, probe)[0];
    if (trigger === undefined) return [];
    const word = source.text.substring(trigger.start, trigger.end);
    node = { instruction: word, start: trigger.start, keywordEnd: trigger.end, end: probe.end };
    keyword = word.toUpperCase();
  }
  if (!HEREDOC_KEYWORDS.has(keyword)) return [];
  const raw = rawArguments(source, node);
  const stop = stopsFlags(keyword);
  const flags = stop === undefined ? 0 : flagsOf(source, raw, stop).length;
  return flags === 0 ? raw : raw.slice(flags);
}

/** `Util.parseHeredocName`: the name of `<<NAME`, `<<-NAME`, `<<"NAME"`, `<<'NAME'`; undefined for `<<<` or an open quote. */
export function heredocName(operator: string): string | undefined {
  let value = operator.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return undefined;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return undefined;
    value = value.substring(1, value.length - 1);
  }
  return value.charAt(0) === '<' ? undefined : value;
}

/** `Parser.parseHeredoc`: the line break ending the line that is exactly `name` (after tabs when `tabbed`). */
function bodyEnd(text: string, name: string, from: number, tabbed: boolean): number {
  let word = -1;
  let lineStart = true;
  for (let i = from; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === ' ' || (char === '\t' && !tabbed)) {
      lineStart = false;
    } else if (char === '\r' || char === '\n') {
      if (word !== -1 && text.substring(word, i) === name) return i;
      word = -1;
      lineStart = true;
    } else if (char !== '\t' && lineStart) {
      word = i;
      lineStart = false;
    }
  }
  return text.length;
}
