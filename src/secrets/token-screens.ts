import type { ByteScreen } from './byte-screens.ts';
import { assignedValueScreen, isAssignmentFree } from './assignment-screens.ts';
import { byteSet, classRunScreen, literalTokenScreen } from './byte-screens.ts';

/** `(?<![\w-])`: the `B` of providers/build.ts. */
const TOKEN_START = '(?<![\\w-])';
const SECRET_GROUP = '(?<secret>';
/** The operator and gap before the secret of providers/build.ts's `assigned` patterns. */
const ASSIGNED_SECRET = String.raw`(?:=|:=|::|:|=>|,)[\s'"\x60]{0,5}(?<secret>`;
/** A class of ASCII letters, digits, `_=+/.-` and `\w`, `\d`, then a minimum count of at least 1. */
const SIMPLE_CLASS = /^\[((?:[A-Za-z0-9_=+/.-]|\\[wd])+)\]\{([1-9]\d*)(?:,\d*)?\}/;
/** A literal character of a token prefix: a word character, `-`, or `\.`. */
const LITERAL_CHAR = /^(?:[A-Za-z0-9_-]|\\\.)/;
/** A group of literal alternatives, each possibly ending with one class character: `(?:api|sdk)`, `(?:A3T[A-Z0-9]|AKIA)`. */
const PREFIX_GROUP = /^\(\?:([^()|]+(?:\|[^()|]+)*)\)/;
/** At most this many literal spellings (alternatives multiply). */
const MAX_LITERALS = 16;

/**
 * A byte screen derived from a detector's pattern, or undefined when the pattern has no form it knows:
 * - `(?<![\w-])(?<secret>` + a literal prefix (with `(?:a|b)` alternatives, the last group's ending with
 *   at most one class character: `(?:A3T[A-Z0-9]|AKIA)`) + `[class]{n`, case-sensitive: one of the
 *   spellings, not after a `[\w-]` byte, then `n` bytes of the class (literalTokenScreen);
 * - an `assigned` pattern (providers/build.ts) whose secret starts with `[class]{n`, the class holding
 *   no gap or operator character: such a run after the operator and gap (assignedValueScreen);
 * - else a `[class]{n` in sequence at the top of a `(?<secret>…)` group that is in sequence at the top
 *   of the pattern (no `|` at either level): the literal of 2 characters or more right before it, if
 *   any and case-sensitive, then `n` bytes of the class (`\d{8,10}:AA[…]{33}`: `:AA` and 33 bytes);
 *   else a run of `n` bytes of the class (the secret holds one).
 * The classes are ASCII only (with the pattern's flags: `i` adds the other case), so a match in the
 * decoded text is the same run of bytes.
 */
export function derivedTokenScreen(pattern: RegExp): ByteScreen | undefined {
  const secret = secretGroupBody(pattern.source);
  if (secret === undefined) return undefined;
  const flags = pattern.flags.includes('i') ? 'i' : '';
  if (pattern.source.startsWith(TOKEN_START + SECRET_GROUP) && flags === '') {
    const prefix = literalPrefix(secret);
    if (prefix !== undefined) return literalTokenScreen(prefix.spellings.map((spelling) => ({ literal: spelling.literal, ...(spelling.tail === undefined ? {} : { tail: classBytes(spelling.tail, '') }) })), classBytes(prefix.valueClass, ''), prefix.minimum);
  }
  const run = topLevelClass(secret);
  if (run === undefined) return undefined;
  const valueClass = classBytes(run.valueClass, flags);
  const assigned = pattern.source.includes(ASSIGNED_SECRET) && SIMPLE_CLASS.exec(secret)?.index === 0 && isAssignmentFree(valueClass);
  if (assigned) return assignedValueScreen(valueClass, run.minimum);
  // A literal of two characters or more before the class (case-sensitive): searched for natively.
  if (run.literal.length >= 2 && flags === '') return literalTokenScreen([{ literal: run.literal }], valueClass, run.minimum, false);
  return classRunScreen(valueClass, run.minimum);
}

/** Byte sets by class source and flags: many detectors share a class (`[a-zA-Z0-9]`, `[a-f0-9]` …). */
const classSets = new Map<string, Uint8Array>();

function classBytes(valueClass: string, flags: string): Uint8Array {
  const key = `${flags}/${valueClass}`;
  let set = classSets.get(key);
  if (set === undefined) {
    set = byteSet(new RegExp(`^[${valueClass}]$`, flags));
    classSets.set(key, set);
  }
  return set;
}

interface ClassRun {
  readonly valueClass: string;
  readonly minimum: number;
}

/** The body of the `(?<secret>…)` group when it and its body are plain sequences (no top-level `|`). */
function secretGroupBody(source: string): string | undefined {
  const open = source.indexOf(SECRET_GROUP);
  if (open === -1 || depthAt(source, open) !== 0 || hasTopLevelBar(source)) return undefined;
  const start = open + SECRET_GROUP.length;
  const end = groupEnd(source, start);
  // An optional group (`(?<secret>…)?`, `*`, `{0,…}`) need not take part in a match.
  if (end === undefined || /^(?:[?*]|\{0\b|\{0,)/.test(source.slice(end + 1))) return undefined;
  const body = source.slice(start, end);
  return hasTopLevelBar(body) ? undefined : body;
}

/** A literal spelling of a token's start, with at most one class character after it (`A3T[A-Z0-9]`). */
interface Spelling {
  readonly literal: string;
  readonly tail?: string;
}

/** An alternative of a prefix group: literal characters, then optionally one class character. */
const ALTERNATIVE = /^((?:[A-Za-z0-9_-]|\\\.)+)(?:\[([A-Za-z0-9_=+/.-]+)\])?$/;

/** The literal spellings before the first class of a token body, and that class. */
function literalPrefix(body: string): (ClassRun & { readonly spellings: readonly Spelling[] }) | undefined {
  let spellings: Spelling[] = [{ literal: '' }];
  let rest = body;
  while (rest !== '') {
    const run = SIMPLE_CLASS.exec(rest);
    if (run !== null) {
      const [, valueClass = '', minimum = '0'] = run;
      return spellings.every((spelling) => spelling.literal !== '') ? { spellings, valueClass, minimum: Number(minimum) } : undefined;
    }
    const char = LITERAL_CHAR.exec(rest);
    const group = char === null ? PREFIX_GROUP.exec(rest) : null;
    const options = char !== null ? [{ literal: char[0].replaceAll('\\.', '.') }] : group?.[1]?.split('|').map(alternative);
    const taken = char?.[0] ?? group?.[0];
    // A class character ends a spelling: nothing may be appended to it.
    if (options === undefined || taken === undefined || options.includes(undefined) || spellings.some((spelling) => spelling.tail !== undefined)) return undefined;
    spellings = spellings.flatMap((spelling) => options.flatMap((option) => (option === undefined ? [] : [{ ...option, literal: spelling.literal + option.literal }])));
    if (spellings.length > MAX_LITERALS) return undefined;
    rest = rest.slice(taken.length);
  }
  return undefined;
}

function alternative(source: string): Spelling | undefined {
  const match = ALTERNATIVE.exec(source);
  if (match === null) return undefined;
  const literal = (match[1] ?? '').replaceAll('\\.', '.');
  return match[2] === undefined ? { literal } : { literal, tail: match[2] };
}

/** One item of a group body at depth 0: a literal character, a class, or anything else; with its quantifier. */
interface Item {
  readonly kind: 'literal' | 'class' | 'other';
  readonly text: string;
  quantifier: string;
}

/** The items of a group body at depth 0 (groups are single `other` items). */
function itemsOf(body: string): Item[] {
  const items: Item[] = [];
  let index = 0;
  while (index < body.length) {
    const char = body[index] ?? '';
    const previous = items.at(-1);
    if (previous !== undefined && /[?*+{]/.test(char)) {
      const close = char === '{' ? body.indexOf('}', index) : index;
      previous.quantifier += body.slice(index, close + 1);
      index = close === -1 ? body.length : close + 1;
      continue;
    }
    const end = char === '\\' ? index + 1 : char === '[' ? classEnd(body, index) : char === '(' ? (groupEnd(body, index + 1) ?? body.length) : index;
    const text = body.slice(index, end + 1);
    const literal = /^(?:[A-Za-z0-9_:-]|\\[.:/-])$/.test(text);
    items.push({ kind: literal ? 'literal' : char === '[' ? 'class' : 'other', text: literal ? text.replace('\\', '') : text, quantifier: '' });
    index = end + 1;
  }
  return items;
}

/**
 * The first simple `[class]{n` at depth 0 of a group body, with the unquantified literal characters
 * right before it (`\d{8,10}:AA[…]{33}` gives `:AA`).
 */
function topLevelClass(body: string): (ClassRun & { readonly literal: string }) | undefined {
  const items = itemsOf(body);
  for (const [position, item] of items.entries()) {
    const run = item.kind === 'class' ? SIMPLE_CLASS.exec(item.text + item.quantifier) : null;
    if (run === null || /[?*]|\{0[,}]/.test(item.quantifier)) continue;
    let literal = '';
    for (let back = position - 1; back >= 0; back -= 1) {
      const before = items[back];
      if (before === undefined || before.kind !== 'literal' || before.quantifier !== '') break;
      literal = before.text + literal;
    }
    return { valueClass: run[1] ?? '', minimum: Number(run[2]), literal };
  }
  return undefined;
}

/** The parenthesis depth at `position` (escapes and classes skipped). */
function depthAt(source: string, position: number): number {
  let depth = 0;
  for (let index = 0; index < position; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '[') index = classEnd(source, index);
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
  }
  return depth;
}

/** Whether `|` occurs at depth 0 (escapes and classes skipped). */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '[') index = classEnd(source, index);
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

/** The index of the `]` closing the class opened at `open`. */
function classEnd(source: string, open: number): number {
  for (let index = open + 1; index < source.length; index += 1) {
    if (source[index] === '\\') index += 1;
    else if (source[index] === ']') return index;
  }
  return source.length;
}

/** The index of the `)` closing a group whose body starts at `start`. */
function groupEnd(source: string, start: number): number | undefined {
  let depth = 0;
  for (let index = start; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === '[') index = classEnd(source, index);
    else if (char === '(') depth += 1;
    else if (char === ')') {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return undefined;
}
