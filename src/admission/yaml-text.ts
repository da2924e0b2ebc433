import type { JsonValue } from '../kubernetes/index.ts';

/**
 * Where the entries of one mapping or sequence were written: per entry the value's start and end,
 * then (a mapping) the key's start and end. `keys` lists a mapping's keys in written order; undefined
 * for a sequence.
 */
export interface ContainerOffsets {
  readonly keys: readonly string[] | undefined;
  readonly offsets: readonly number[];
}

/** Block YAML written by `writeBlockYaml`, with where each mapping's and sequence's entries were written. */
export interface BlockYaml {
  readonly text: string;
  /**
   * Per mapping and sequence of the value (keyed by the value's own objects and arrays), the offsets
   * the manifest loader's single-pass reader records when it reads `text`: per entry the value's
   * start and end, then (mappings) the key's start and end. Empty collections (`{}`, `[]`) have none.
   */
  readonly containers: ReadonlyMap<object, ContainerOffsets>;
  /** Start and end of the whole value. */
  readonly start: number;
  readonly end: number;
  /** How deep the value nests (a scalar: 0, a mapping of scalars: 1). */
  readonly depth: number;
  /** The longest key written, in characters (quotes included). */
  readonly longestKey: number;
  /** True when a number is -0 (written as 0, so it reads back as 0). */
  readonly negativeZero: boolean;
  /** True when one object or array appears twice in the value (YAML aliases; never from JSON.parse): `containers` then holds the last. */
  readonly shared: boolean;
}

/**
 * A JSON value as block YAML: mappings and sequences as blocks, every key and string double-quoted
 * (JSON's escapes are YAML's), numbers, booleans and null as JSON writes them, empty collections as
 * `{}` and `[]`. The manifest loader's single-pass reader reads this subset, several times faster than
 * it reads the same object written as JSON; the value read back is the value written.
 */
export function toBlockYaml(value: JsonValue): string {
  return writeBlockYaml(value).text;
}

/** `toBlockYaml`, with the offsets of every entry (see `BlockYaml`). */
export function writeBlockYaml(value: JsonValue): BlockYaml {
  const writer = new BlockWriter();
  if (!isBlock(value)) {
    writer.write(inline(value));
    const end = writer.offset;
    writer.write('\n');
    return { text: writer.text(), containers: writer.containers, start: 0, end, depth: 0, longestKey: 0, negativeZero: Object.is(value, -0), shared: false };
  }
  const span = writer.block(value, '', '', 1);
  return { text: writer.text(), containers: writer.containers, start: span.start, end: span.end, depth: writer.depth, longestKey: writer.longestKey, negativeZero: writer.negativeZero, shared: writer.shared };
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Writes lines (each ending with a newline) into one string, and records where entries were written. */
class BlockWriter {
  readonly containers = new Map<object, ContainerOffsets>();
  out = '';
  depth = 0;
  longestKey = 0;
  negativeZero = false;
  shared = false;

  get offset(): number {
    return this.out.length;
  }

  write(part: string): void {
    this.out += part;
  }

  text(): string {
    return this.out;
  }

  /** A non-empty collection; its first line starts with `first` (an indentation, or a parent's `- `), the others with `indent`. */
  block(value: JsonValue, first: string, indent: string, depth: number): Span {
    if (depth > this.depth) this.depth = depth;
    if (typeof value === 'object' && value !== null && this.containers.has(value)) this.shared = true;
    if (Array.isArray(value)) return this.sequence(value, first, indent, depth);
    return isObject(value) ? this.mapping(value, first, indent, depth) : { start: this.offset, end: this.offset };
  }

  mapping(object: { readonly [key: string]: JsonValue }, first: string, indent: string, depth: number): Span {
    const offsets: number[] = [];
    const keys: string[] = [];
    const inner = `${indent}  `;
    let lead = first;
    // for…in with hasOwn: Object.entries' entries in its order, without an array per entry. (JSON
    // values hold no undefined; a key set to undefined is left out, as JSON.stringify leaves it out.)
    for (const key in object) {
      const item = object[key];
      if (item === undefined || !Object.hasOwn(object, key)) continue;
      const quoted = JSON.stringify(key);
      if (quoted.length > this.longestKey) this.longestKey = quoted.length;
      const keyStart = this.out.length + lead.length;
      const keyEnd = keyStart + quoted.length;
      keys.push(key);
      if (isBlock(item)) {
        this.out += `${lead}${quoted}:\n`;
        const span = this.block(item, inner, inner, depth + 1);
        offsets.push(span.start, span.end, keyStart, keyEnd);
      } else {
        const text = this.scalarText(item);
        this.out += `${lead}${quoted}: ${text}\n`;
        offsets.push(keyEnd + 2, keyEnd + 2 + text.length, keyStart, keyEnd);
      }
      lead = indent;
    }
    this.containers.set(object, { keys, offsets });
    return { start: offsets[2] ?? this.offset, end: offsets.at(-3) ?? this.offset };
  }

  sequence(items: readonly JsonValue[], first: string, indent: string, depth: number): Span {
    const offsets: number[] = [];
    const inner = `${indent}  `;
    const start = this.out.length + first.length;
    let lead = first;
    for (const item of items) {
      if (isBlock(item)) {
        this.out += `${lead}-`;
        const span = this.block(item, ' ', inner, depth + 1);
        offsets.push(span.start, span.end);
      } else {
        const text = this.scalarText(item);
        const at = this.out.length + lead.length + 2;
        this.out += `${lead}- ${text}\n`;
        offsets.push(at, at + text.length);
      }
      lead = indent;
    }
    this.containers.set(items, { keys: undefined, offsets });
    return { start, end: offsets.at(-1) ?? start };
  }

  scalarText(item: JsonValue): string {
    if (typeof item === 'number' && Object.is(item, -0)) this.negativeZero = true;
    return inline(item);
  }
}

/** A non-empty mapping or sequence (written as a block). */
function isBlock(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (!isObject(value)) return false;
  for (const key in value) if (value[key] !== undefined && Object.hasOwn(value, key)) return true;
  return false;
}

function inline(value: JsonValue): string {
  if (Array.isArray(value)) return '[]';
  if (isObject(value)) return '{}';
  return JSON.stringify(value);
}

function isObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
