import { heredocsEnd } from './heredoc-lexer.ts';
import type { EscapedText } from './lexer-arguments.ts';
import { adjustOffset } from './lexer-arguments.ts';

/**
 * Splits a Dockerfile into parser directives and instructions, with offsets. It follows
 * `dockerfile-ast`'s parser character for character (same escape handling, same quirks), so the
 * model built from it is identical; see docs/decisions/0028-a-dockerfile-tokenizer.md. An ADD, COPY,
 * RUN or ONBUILD with here-documents runs to the end of its last body (heredoc-lexer.ts,
 * docs/decisions/0034-h-heredocs-in-the-lexer.md).
 */

/** A span of the text; offsets as `dockerfile-ast` reports them (see `OffsetText.at`). */
export interface LexedDirective {
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface LexedInstruction {
  /** The keyword as written (escaped line breaks inside it removed), not upper-cased. */
  readonly instruction: string;
  readonly start: number;
  readonly keywordEnd: number;
  readonly end: number;
}

export interface LexedDockerfile {
  readonly escapeChar: string;
  readonly directives: readonly LexedDirective[];
  readonly instructions: readonly LexedInstruction[];
}

const BOM = '\uFEFF';
/** Instructions that may hold here-documents (ONBUILD through its trigger). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

export function lexDockerfile(text: string, lineStart: (line: number) => number): LexedDockerfile {
  const directives = parserDirectives(text);
  const escapeChar = escapeOf(text, directives);
  let offset = 0;
  if (directives.length > 0) offset = lineStart(directives.length + 1);
  else if (text.charAt(0) === BOM) offset = 1;
  const lexer = new InstructionLexer(text, escapeChar);
  for (let i = offset; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB || code === CR || code === LF) continue;
    i = code === HASH ? commentEnd(text, i) : lexer.instruction(text.charAt(i), i);
  }
  return { escapeChar, directives, instructions: lexer.instructions };
}

function escapeOf(text: string, directives: readonly LexedDirective[]): string {
  for (const directive of directives) {
    if (text.substring(directive.nameStart, directive.nameEnd).toLowerCase() !== 'escape') continue;
    const value = text.substring(directive.valueStart, directive.valueEnd);
    if (value === '\\' || value === '`') return value;
  }
  return '\\';
}

function commentEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === CR || code === LF) return i;
  }
  return text.length;
}

// Character codes for the loops that read every character of the file (`#argumentsEnd`,
// `commentEnd`, `skipBlanks`): comparing numbers, not one-character strings.
const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;

class InstructionLexer {
  readonly instructions: LexedInstruction[] = [];
  readonly #text: string;
  readonly #escape: string;
  readonly #source: EscapedText;

  constructor(text: string, escapeChar: string) {
    this.#text = text;
    this.#escape = escapeChar;
    this.#source = { text, escapeChar, at: (offset) => adjustOffset(text, offset) };
  }

  /** `Parser.processInstruction`: reads the keyword from `start`, then the arguments; answers the end offset. */
  instruction(first: string, start: number): number {
    const text = this.#text;
    let instruction = first;
    let instructionEnd = -1;
    let escaped = false;
    for (let i = start + 1; i < text.length; i += 1) {
      const char = text.charAt(i);
      if (char === this.#escape) {
        escaped = true;
        const next = text.charAt(i + 1);
        if (next === '\r' || next === '\n') {
          if (instructionEnd === -1) instructionEnd = i;
          i += 1;
        } else if (next === ' ' || next === '\t') {
          const j = skipBlanks(text, i + 2);
          if (j >= text.length) return this.#add(instruction + this.#escape, start, i + 1, text.length);
          if (text.charAt(j) === '\r' || text.charAt(j) === '\n') {
            i = j;
          } else {
            instructionEnd = i + 1;
            instruction += this.#escape;
            i = j - 2;
          }
        } else {
          instructionEnd = i + 1;
          instruction += this.#escape;
          escaped = false;
        }
        continue;
      }
      if (char === ' ' || char === '\t') {
        if (escaped) {
          const j = skipBlanks(text, i + 1);
          if (j < text.length && (text.charAt(j) === '\r' || text.charAt(j) === '\n')) {
            i = j;
            continue;
          }
        }
        if (instructionEnd === -1) instructionEnd = i;
        const end = this.#argumentsEnd({ instruction, start, keywordEnd: instructionEnd, end: i });
        return this.#add(instruction, start, instructionEnd, end);
      }
      if (char === '\r' || char === '\n') {
        if (escaped) continue;
        // dockerfile-ast ends the keyword here, whatever it read before.
        return this.#add(instruction, start, i, i);
      }
      if (char === '#' && escaped) continue;
      instructionEnd = i + 1;
      instruction += char;
      escaped = false;
    }
    return this.#add(instruction, start, instructionEnd === -1 ? text.length : instructionEnd, text.length);
  }

  #add(instruction: string, start: number, keywordEnd: number, end: number): number {
    this.instructions.push({ instruction, start, keywordEnd, end });
    return end;
  }

  /**
   * `Parser.processArguments`: the offset where the instruction's arguments end (`keyword.end` is
   * the blank after the keyword); at the first line break, after its here-documents.
   */
  #argumentsEnd(keyword: LexedInstruction): number {
    const text = this.#text;
    const escapeCode = this.#escape.charCodeAt(0);
    let escaped = false;
    for (let i = keyword.end + 1; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === CR || code === LF) {
        if (!escaped) return this.#heredocsEnd(keyword, i);
      } else if (code === escapeCode) {
        // NaN past the end, like charAt's '': no match below.
        const next = text.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i += 1;
        } else if (next === SPACE || next === TAB) {
          const j = skipBlanks(text, i + 2);
          if (j >= text.length) return text.length;
          const after = text.charCodeAt(j);
          if (after === CR || after === LF) escaped = true;
          i = j;
        }
      } else if (code === HASH) {
        if (escaped) i = commentEnd(text, i);
      } else if (code !== SPACE && code !== TAB) {
        escaped = false;
      }
    }
    return text.length;
  }

  /** Reading the arguments again costs time: only a first line holding a `<` (`<<`, or `\<\<` once unescaped) can open a body. */
  #heredocsEnd(keyword: LexedInstruction, newline: number): number {
    if (!HEREDOC_KEYWORDS.has(keyword.instruction.toUpperCase()) || !this.#text.slice(keyword.keywordEnd, newline).includes('<')) return newline;
    return heredocsEnd(this.#source, { ...keyword, end: newline }, newline);
  }
}

function skipBlanks(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (code !== SPACE && code !== TAB) break;
    j += 1;
  }
  return j;
}

/** `Parser.getParserDirectives`: `# name=value` lines at the very top. */
function parserDirectives(text: string): LexedDirective[] {
  const directives: LexedDirective[] = [];
  for (let i = text.charAt(0) === BOM ? 1 : 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char !== '#') break;
    const directive = directiveAt(text, i);
    if (directive === undefined) break;
    directives.push(directive);
    i = text.charAt(directive.valueEnd) === '\r' ? directive.valueEnd + 1 : directive.valueEnd;
  }
  return directives;
}

function directiveAt(text: string, hash: number): LexedDirective | undefined {
  let nameStart = -1;
  let nameEnd = -1;
  for (let j = hash + 1; j < text.length; j += 1) {
    const char = text.charAt(j);
    if (char === ' ' || char === '\t') {
      if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
    } else if (char === '\r' || char === '\n') {
      return undefined;
    } else if (char === '=') {
      if (nameStart === -1) return undefined;
      return directiveValue(text, hash, nameStart, nameEnd === -1 ? j : nameEnd, j);
    } else if (nameStart === -1) {
      nameStart = j;
    }
  }
  return undefined;
}

function directiveValue(text: string, hash: number, nameStart: number, nameEnd: number, equals: number): LexedDirective {
  let valueStart = -1;
  let valueEnd = -1;
  let lineEnd = text.length;
  for (let k = equals + 1; k < text.length; k += 1) {
    const char = text.charAt(k);
    if (char === '\r' || char === '\n') {
      if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
      lineEnd = k;
      break;
    }
    if (char === ' ' || char === '\t') {
      if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
    } else if (valueStart === -1) {
      valueStart = k;
    }
  }
  if (valueStart === -1) {
    valueStart = equals + 1;
    valueEnd = lineEnd;
  } else if (valueEnd === -1) {
    valueEnd = text.length;
  }
  return { start: hash, end: lineEnd, nameStart, nameEnd, valueStart, valueEnd };
}
