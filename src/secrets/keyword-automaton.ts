import { isAscii } from 'node:buffer';

// The keyword prefilter's engine: an Aho-Corasick automaton compiled to a dense table (a DFA) with a
// column per byte value, run over a file's bytes or a string's code units, case-insensitively. One
// table lookup per character; a large file is scanned as two interleaved halves (see `scanCodes`).

/**
 * Finds every keyword that occurs in a text, ignoring ASCII case, as `text.toLowerCase()` would:
 * a keyword (lower-case, printable ASCII) is reported when it occurs anywhere, overlapping
 * occurrences included (`xoxb-` brings `xox`; `oauth_key` brings `auth_key`).
 */
export interface KeywordAutomaton {
  /** The distinct lower-case keywords, longest first (ties alphabetical). */
  readonly keywords: readonly string[];
  /** Keywords in a string. */
  scanText(text: string): Set<string>;
  /**
   * Keywords in UTF-8 bytes (`bytes[0..length)`): the same set as `scanText` of their decoded text.
   * Non-ASCII bytes never belong to a keyword; the only non-ASCII characters whose lower case holds
   * ASCII (U+0130 `İ`, U+212A Kelvin sign) are handled by decoding such rare files.
   */
  scanBytes(bytes: Uint8Array, length: number): Set<string>;
}

/** Character class 0 is "no keyword has this character"; ASCII letters share their lower-case class. */
const OTHER = 0;
/** Columns of the scanning table: one per byte value; states are stored pre-multiplied by this. */
const COLUMNS = 256;
const STATE_SHIFT = 8;
/** Every code unit from 128 up is "no keyword has this character", as the byte 0x80 is. */
const NON_ASCII = 0x80;
/** Below this many bytes a file is scanned in one stream (two interleaved streams pay off on larger ones). */
const SPLIT_MIN_BYTES = 8192;
const DOTTED_CAPITAL_I = 0x130;
const KELVIN_SIGN = 0x212a;
/** UTF-8 of U+0130 and U+212A. */
const SPECIAL_SEQUENCES: readonly (readonly number[])[] = [
  [0xc4, 0xb0],
  [0xe2, 0x84, 0xaa],
];

interface Table {
  /** `next[state | byte]`: states are stored pre-multiplied by `COLUMNS` (a byte never reads out of a row). */
  readonly next: Int32Array;
  /** States at or above this (pre-multiplied) value end at least one keyword. */
  readonly firstOutput: number;
  /** Keyword indices ending at each output state (indexed by state >> STATE_SHIFT). */
  readonly outputs: readonly (readonly number[])[];
  /** The longest keyword's length. */
  readonly longest: number;
}

export function createKeywordAutomaton(input: Iterable<string>): KeywordAutomaton {
  const keywords = [...new Set([...input].map((keyword) => keyword.toLowerCase()).filter((keyword) => keyword !== ''))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  let table: Table | undefined;
  // Built on first use: a scan that selects no secret rule never pays for it.
  const get = (): Table => (table ??= compile(keywords));
  const marks = { stamps: new Uint32Array(keywords.length), generation: 0 };
  const scanText = (text: string): Set<string> => {
    const { next, firstOutput } = get();
    const found = new Set<string>();
    let state = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      state = next[state | (code < NON_ASCII ? code : NON_ASCII)] ?? 0;
      if (state >= firstOutput && collect(get(), state, keywords, marks, found)) break;
    }
    return found;
  };
  return {
    keywords,
    scanText: (text) => {
      begin(marks);
      return scanText(hasSpecialCharacter(text) ? lowerSpecials(text) : text);
    },
    scanBytes(bytes, length) {
      begin(marks);
      const view = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength));
      if (!isAscii(view) && SPECIAL_SEQUENCES.some((sequence) => containsSequence(view, sequence))) return scanText(lowerSpecials(new TextDecoder('utf-8').decode(view)));
      return scanCodes(get(), view, view.length, keywords, marks);
    },
  };
}

/**
 * The automaton over bytes: one table lookup per byte. A large buffer is scanned as two streams
 * interleaved in one loop (each lookup depends on the previous one of its stream only, so the two
 * chains overlap in the processor): the first covers the keywords ending before the middle, the
 * second starts `longest - 1` bytes before the middle, so it sees every keyword ending from there on.
 */
function scanCodes(table: Table, bytes: Uint8Array, end: number, keywords: readonly string[], marks: Marks): Set<string> {
  const { next, firstOutput, longest } = table;
  const found: string[] = [];
  const half = end >>> 1;
  let first = 0;
  let second = 0;
  let from = 0;
  if (end >= SPLIT_MIN_BYTES && longest <= half) {
    const offset = half - (longest - 1);
    for (let index = 0; index < half; index += 1) {
      first = next[first | (bytes[index] ?? 0)] ?? 0;
      second = next[second | (bytes[offset + index] ?? 0)] ?? 0;
      if (first >= firstOutput) emit(table, first, keywords, marks, found);
      if (second >= firstOutput) emit(table, second, keywords, marks, found);
    }
    from = offset + half;
  }
  for (let index = from; index < end; index += 1) {
    second = next[second | (bytes[index] ?? 0)] ?? 0;
    if (second >= firstOutput) emit(table, second, keywords, marks, found);
  }
  return new Set(found);
}

/** Adds the keywords ending at an output state that the scan has not found yet. */
function emit(table: Table, state: number, keywords: readonly string[], marks: Marks, found: string[]): void {
  const ending = table.outputs[state >> STATE_SHIFT] ?? [];
  for (let at = 0; at < ending.length; at += 1) {
    const keyword = ending[at] ?? 0;
    if (marks.stamps[keyword] === marks.generation) continue;
    marks.stamps[keyword] = marks.generation;
    found.push(keywords[keyword] ?? '');
  }
}

/** Which keywords a scan has already found: a stamp per keyword, so nothing is cleared between scans. */
interface Marks {
  stamps: Uint32Array;
  generation: number;
}

function begin(marks: Marks): void {
  marks.generation = marks.generation === 0xffffffff ? 1 : marks.generation + 1;
  if (marks.generation === 1) marks.stamps.fill(0);
}

/** Adds the keywords ending at an output state; true when every keyword has been found (the scan can stop). */
function collect(table: Table, state: number, keywords: readonly string[], marks: Marks, found: Set<string>): boolean {
  for (const keyword of table.outputs[state >> STATE_SHIFT] ?? []) {
    if (marks.stamps[keyword] === marks.generation) continue;
    marks.stamps[keyword] = marks.generation;
    found.add(keywords[keyword] ?? '');
  }
  return found.size === keywords.length;
}

/** Whether the bytes hold the sequence: `indexOf` of its lead byte (a `memchr`), then the rest compared. */
function containsSequence(bytes: Buffer, sequence: readonly number[]): boolean {
  const [lead = 0, ...rest] = sequence;
  for (let at = bytes.indexOf(lead); at !== -1; at = bytes.indexOf(lead, at + 1)) {
    if (rest.every((byte, offset) => bytes[at + 1 + offset] === byte)) return true;
  }
  return false;
}

function hasSpecialCharacter(text: string): boolean {
  return text.includes(String.fromCharCode(DOTTED_CAPITAL_I)) || text.includes(String.fromCharCode(KELVIN_SIGN));
}

/** Replaces the two characters whose lower case is (or starts with) ASCII by that lower case. */
function lowerSpecials(text: string): string {
  return text.replaceAll(String.fromCharCode(DOTTED_CAPITAL_I), 'i\u0307').replaceAll(String.fromCharCode(KELVIN_SIGN), 'k');
}

function compile(keywords: readonly string[]): Table {
  const classes = new Uint8Array(256);
  let width = 1;
  for (const keyword of keywords) {
    for (let index = 0; index < keyword.length; index += 1) {
      const code = keyword.charCodeAt(index);
      if (code < 128 && classes[code] === OTHER) classes[code] = width++;
    }
  }
  for (let upper = 65; upper <= 90; upper += 1) classes[upper] = classes[upper + 32] ?? OTHER;
  const trie = buildTrie(keywords, classes);
  const { next, outputs } = linkFailures(trie, width);
  return renumber(next, outputs, width, classes, Math.max(1, ...keywords.map((keyword) => keyword.length)));
}

interface Trie {
  readonly children: Map<number, number>[];
  readonly ends: number[][];
}

function buildTrie(keywords: readonly string[], classes: Uint8Array): Trie {
  const trie: Trie = { children: [new Map()], ends: [[]] };
  keywords.forEach((keyword, keywordIndex) => {
    let state = 0;
    for (let index = 0; index < keyword.length; index += 1) {
      const symbol = classes[keyword.charCodeAt(index)] ?? OTHER;
      const children = trie.children[state] ?? new Map<number, number>();
      let child = children.get(symbol);
      if (child === undefined) {
        child = trie.children.length;
        children.set(symbol, child);
        trie.children.push(new Map());
        trie.ends.push([]);
      }
      state = child;
    }
    trie.ends[state]?.push(keywordIndex);
  });
  return trie;
}

/** Breadth-first: each state's failure link, its full transition row and every keyword ending there. */
function linkFailures(trie: Trie, width: number): { next: Int32Array; outputs: number[][] } {
  const count = trie.children.length;
  const next = new Int32Array(count * width);
  const failure = new Int32Array(count);
  const outputs = trie.ends.map((ends) => [...ends]);
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] ?? 0;
    const fallback = failure[state] ?? 0;
    if (state !== 0) outputs[state] = [...(outputs[state] ?? []), ...(outputs[fallback] ?? [])];
    for (let symbol = 0; symbol < width; symbol += 1) {
      const child = symbol === OTHER ? undefined : trie.children[state]?.get(symbol);
      const viaFailure = state === 0 ? 0 : (next[fallback * width + symbol] ?? 0);
      if (child === undefined) {
        next[state * width + symbol] = viaFailure;
        continue;
      }
      failure[child] = viaFailure;
      next[state * width + symbol] = child;
      queue.push(child);
    }
  }
  return { next, outputs };
}

/**
 * Renumbers states so that those ending a keyword come last (one comparison per character), spreads
 * each state's row from character classes to byte values and pre-multiplies the states.
 */
function renumber(next: Int32Array, outputs: readonly number[][], width: number, classes: Uint8Array, longest: number): Table {
  const count = outputs.length;
  const order = [...Array(count).keys()].sort((a, b) => Number((outputs[a]?.length ?? 0) > 0) - Number((outputs[b]?.length ?? 0) > 0) || a - b);
  const renamed = new Int32Array(count);
  order.forEach((old, index) => {
    renamed[old] = index;
  });
  // Bytes of class 0 (most of them) share one target per state: a row is filled, then the others set.
  // Typed arrays and no closure per state: this runs once per scan, before the code is optimised.
  const classed = Int32Array.from([...Array(COLUMNS).keys()].filter((byte) => classes[byte] !== OTHER));
  const classOf = classed.map((byte) => classes[byte] ?? OTHER);
  const table = new Int32Array(count * COLUMNS);
  for (let state = 0; state < count; state += 1) {
    const row = (renamed[state] ?? 0) * COLUMNS;
    const base = state * width;
    table.fill((renamed[next[base + OTHER] ?? 0] ?? 0) * COLUMNS, row, row + COLUMNS);
    for (let index = 0; index < classed.length; index += 1) table[row + (classed[index] ?? 0)] = (renamed[next[base + (classOf[index] ?? OTHER)] ?? 0] ?? 0) * COLUMNS;
  }
  const firstOutputIndex = order.findIndex((state) => (outputs[state]?.length ?? 0) > 0);
  return {
    next: table,
    firstOutput: (firstOutputIndex === -1 ? count : firstOutputIndex) * COLUMNS,
    outputs: order.map((state) => outputs[state] ?? []),
    longest,
  };
}
