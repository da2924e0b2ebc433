import { isAscii } from 'node:buffer';

// The keyword prefilter's engine: an Aho-Corasick automaton compiled to a dense table (a DFA), run
// over a file's bytes or a string's code units, case-insensitively. One table lookup per character.

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
const DOTTED_CAPITAL_I = 0x130;
const KELVIN_SIGN = 0x212a;
/** UTF-8 of U+0130 and U+212A. */
const SPECIAL_SEQUENCES: readonly (readonly number[])[] = [
  [0xc4, 0xb0],
  [0xe2, 0x84, 0xaa],
];

interface Table {
  /** Class of each byte or ASCII code (0 for the others; 256 entries, so a byte never reads out of bounds). */
  readonly classes: Uint8Array;
  readonly width: number;
  /** `next[state + class]`: states are stored pre-multiplied by `width`. */
  readonly next: Int32Array;
  /** States at or above this (pre-multiplied) value end at least one keyword. */
  readonly firstOutput: number;
  /** Keyword indices ending at each output state (indexed by state / width). */
  readonly outputs: readonly (readonly number[])[];
}

export function createKeywordAutomaton(input: Iterable<string>): KeywordAutomaton {
  const keywords = [...new Set([...input].map((keyword) => keyword.toLowerCase()).filter((keyword) => keyword !== ''))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  let table: Table | undefined;
  // Built on first use: a scan that selects no secret rule never pays for it.
  const get = (): Table => (table ??= compile(keywords));
  const marks = { stamps: new Uint32Array(keywords.length), generation: 0 };
  const scanText = (text: string): Set<string> => {
    const { classes, next, firstOutput } = get();
    const found = new Set<string>();
    let state = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      state = next[state + (code < 128 ? (classes[code] ?? OTHER) : OTHER)] ?? 0;
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

/** The automaton over bytes: one table lookup per byte (bytes of 128 and more are class 0). */
function scanCodes(table: Table, bytes: Uint8Array, end: number, keywords: readonly string[], marks: Marks): Set<string> {
  const { classes, next, firstOutput, outputs, width } = table;
  const { stamps, generation } = marks;
  const found: string[] = [];
  let state = 0;
  for (let index = 0; index < end; index += 1) {
    state = next[state + (classes[bytes[index] ?? 0] ?? OTHER)] ?? 0;
    if (state < firstOutput) continue;
    const ending = outputs[state / width] ?? [];
    for (let at = 0; at < ending.length; at += 1) {
      const keyword = ending[at] ?? 0;
      if (stamps[keyword] === generation) continue;
      stamps[keyword] = generation;
      found.push(keywords[keyword] ?? '');
    }
    if (found.length === keywords.length) break;
  }
  return new Set(found);
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
  for (const keyword of table.outputs[state / table.width] ?? []) {
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
  return renumber(next, outputs, width, classes);
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

/** Renumbers states so that those ending a keyword come last (one comparison per character) and pre-multiplies them. */
function renumber(next: Int32Array, outputs: readonly number[][], width: number, classes: Uint8Array): Table {
  const count = outputs.length;
  const order = [...Array(count).keys()].sort((a, b) => Number((outputs[a]?.length ?? 0) > 0) - Number((outputs[b]?.length ?? 0) > 0) || a - b);
  const renamed = new Int32Array(count);
  order.forEach((old, index) => {
    renamed[old] = index;
  });
  const table = new Int32Array(count * width);
  for (let state = 0; state < count; state += 1) {
    for (let symbol = 0; symbol < width; symbol += 1) table[(renamed[state] ?? 0) * width + symbol] = (renamed[next[state * width + symbol] ?? 0] ?? 0) * width;
  }
  const firstOutputIndex = order.findIndex((state) => (outputs[state]?.length ?? 0) > 0);
  return {
    classes,
    width,
    next: table,
    firstOutput: (firstOutputIndex === -1 ? count : firstOutputIndex) * width,
    outputs: order.map((state) => outputs[state] ?? []),
  };
}
