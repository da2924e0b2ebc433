/** A JSON value with the offsets of its text (and of its key, inside an object). */
export interface JsonNode {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
  readonly keyStart?: number;
  readonly keyEnd?: number;
  /** Object members by key (the last of duplicates wins, as in `JSON.parse`), or array items. */
  readonly members?: ReadonlyMap<string, JsonNode>;
  readonly items?: readonly JsonNode[];
}

export type JsonParse = { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly offset: number; readonly message: string };

/** Deeper nesting is refused (hostile input must not exhaust the stack). */
const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Parses JSON (RFC 8259) keeping offsets, for rules that report at a key or a value. */
export function parseJsonWithPositions(text: string): JsonParse {
  const parser = new Parser(text);
  try {
    const root = parser.value(0);
    parser.skipWhitespace();
    if (parser.offset !== text.length) throw new JsonSyntaxError('Unexpected text after the JSON value', parser.offset);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, offset: error.offset, message: error.message };
    throw error;
  }
}

class Parser {
  readonly #text: string;
  offset = 0;

  constructor(text: string) {
    this.#text = text;
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.offset;
    WHITESPACE.exec(this.#text);
    this.offset = WHITESPACE.lastIndex;
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`Nesting deeper than ${MAX_DEPTH} levels`, this.offset);
    this.skipWhitespace();
    const start = this.offset;
    const char = this.#text.charAt(start);
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return { value: this.string(), start, end: this.offset };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.#text.startsWith(word, start)) {
        this.offset += word.length;
        return { value, start, end: this.offset };
      }
    }
    NUMBER.lastIndex = start;
    const number = NUMBER.exec(this.#text);
    if (number === null) throw new JsonSyntaxError(char === '' ? 'Unexpected end of JSON' : `Unexpected character ${JSON.stringify(char)}`, start);
    this.offset = NUMBER.lastIndex;
    return { value: Number(number[0]), start, end: this.offset };
  }

  string(): string {
    STRING.lastIndex = this.offset;
    const match = STRING.exec(this.#text);
    if (match === null) throw new JsonSyntaxError('Invalid string', this.offset);
    this.offset = STRING.lastIndex;
    const decoded: unknown = JSON.parse(match[0]);
    return typeof decoded === 'string' ? decoded : '';
  }

  object(depth: number): JsonNode {
    const start = this.offset;
    this.offset += 1;
    const members = new Map<string, JsonNode>();
    const value: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.#text.charAt(this.offset) === '}') {
      this.offset += 1;
      return { value, start, end: this.offset, members };
    }
    for (;;) {
      this.skipWhitespace();
      const keyStart = this.offset;
      if (this.#text.charAt(keyStart) !== '"') throw new JsonSyntaxError('Expected a member name', keyStart);
      const key = this.string();
      const keyEnd = this.offset;
      this.expect(':');
      const member = this.value(depth + 1);
      members.set(key, { ...member, keyStart, keyEnd });
      Object.defineProperty(value, key, { value: member.value, enumerable: true, writable: true, configurable: true });
      if (this.separator('}')) return { value, start, end: this.offset, members };
    }
  }

  array(depth: number): JsonNode {
    const start = this.offset;
    this.offset += 1;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.#text.charAt(this.offset) === ']') {
      this.offset += 1;
      return { value: [], start, end: this.offset, items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      if (this.separator(']')) return { value: items.map((item) => item.value), start, end: this.offset, items };
    }
  }

  /** After a member or item: `,` continues (false), the closer ends (true). */
  separator(closer: string): boolean {
    this.skipWhitespace();
    const char = this.#text.charAt(this.offset);
    this.offset += 1;
    if (char === ',') return false;
    if (char === closer) return true;
    throw new JsonSyntaxError(`Expected "," or "${closer}"`, this.offset - 1);
  }

  expect(char: string): void {
    this.skipWhitespace();
    if (this.#text.charAt(this.offset) !== char) throw new JsonSyntaxError(`Expected "${char}"`, this.offset);
    this.offset += 1;
  }
}

/** The node at a JSON pointer's segments (object keys or array indexes). */
export function nodeAt(root: JsonNode, segments: readonly string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of segments) {
    if (node === undefined) return undefined;
    node = node.members !== undefined ? node.members.get(segment) : node.items?.[Number(segment)];
  }
  return node;
}
