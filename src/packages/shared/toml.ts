/**
 * A small TOML reader, enough for lockfiles (Cargo.lock, poetry.lock, uv.lock): tables, arrays of
 * tables, dotted and quoted keys, basic/literal/multi-line strings, numbers, booleans, dates (kept
 * as strings), arrays and inline tables. It keeps the offsets of each array-of-tables item and
 * is tolerant: a bad line is reported with its offset and skipped; the rest is still read.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** One `[[path]]` item with the span from its header to its last line (sub-tables included). */
export interface TomlArrayItem {
  readonly path: string;
  readonly start: number;
  end: number;
  readonly value: TomlTable;
}

export interface TomlDocument {
  readonly root: TomlTable;
  readonly items: readonly TomlArrayItem[];
  readonly errors: readonly { readonly offset: number; readonly message: string }[];
}

class TomlSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
const BARE_KEY = /[A-Za-z0-9_-]/;

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}

class Reader {
  readonly text: string;
  index = 0;
  constructor(text: string) {
    this.text = text;
  }

  peek(offset = 0): string {
    return this.text[this.index + offset] ?? '';
  }

  fail(message: string): never {
    throw new TomlSyntaxError(message, this.index);
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index++;
  }

  /** Whitespace, newlines and comments (inside arrays). */
  skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '#') while (this.index < this.text.length && this.peek() !== '\n') this.index++;
      if (this.peek() !== '\n' && this.peek() !== '\r') return;
      this.index++;
    }
  }

  /** Expects the end of a line (an optional comment), and moves past it. */
  endLine(): void {
    this.skipSpaces();
    if (this.peek() === '#') while (this.index < this.text.length && this.peek() !== '\n') this.index++;
    if (this.peek() === '\r') this.index++;
    if (this.index < this.text.length && this.peek() !== '\n') this.fail(`Unexpected "${this.peek()}" after a value`);
    this.index++;
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      if (char === '"' || char === "'") parts.push(this.string());
      else {
        const start = this.index;
        while (BARE_KEY.test(this.peek())) this.index++;
        if (start === this.index) this.fail('Expected a key');
        parts.push(this.text.slice(start, this.index));
      }
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.index++;
    }
  }

  string(): string {
    const quote = this.peek();
    const multi = this.text.startsWith(quote.repeat(3), this.index);
    this.index += multi ? 3 : 1;
    if (multi && this.peek() === '\n') this.index++;
    else if (multi && this.peek() === '\r' && this.peek(1) === '\n') this.index += 2;
    let out = '';
    for (;;) {
      if (this.index >= this.text.length) this.fail('Unterminated string');
      const char = this.peek();
      if (multi ? this.text.startsWith(quote.repeat(3), this.index) && this.peek(3) !== quote : char === quote) {
        this.index += multi ? 3 : 1;
        return out;
      }
      if (char === '\n' && !multi) this.fail('Newline in a single-line string');
      if (char === '\\' && quote === '"') out += this.escape();
      else {
        out += char;
        this.index++;
      }
    }
  }

  escape(): string {
    const code = this.peek(1);
    if (code === 'u' || code === 'U') {
      const length = code === 'u' ? 4 : 8;
      const hex = this.text.slice(this.index + 2, this.index + 2 + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) this.fail('Invalid unicode escape');
      const point = Number.parseInt(hex, 16);
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) this.fail('Invalid unicode escape');
      this.index += 2 + length;
      return String.fromCodePoint(point);
    }
    if (code === '\n' || code === '\r' || code === ' ' || code === '\t') {
      this.index++;
      while (/\s/.test(this.peek())) this.index++;
      return '';
    }
    const escaped = ESCAPES[code];
    if (escaped === undefined) this.fail(`Invalid escape "\\${code}"`);
    this.index += 2;
    return escaped;
  }

  value(depth: number): TomlValue {
    if (depth > 100) this.fail('Values nested too deeply');
    const char = this.peek();
    if (char === '"' || char === "'") return this.string();
    if (char === '[') return this.array(depth);
    if (char === '{') return this.inlineTable(depth);
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.index, this.index + 64));
    if (match === null) this.fail('Expected a value');
    const raw = match[0];
    this.index += raw.length;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (/^[+-]?(?:\d[\d_]*)(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?$/.test(raw)) return Number(raw.replaceAll('_', ''));
    if (/^\d{4}-\d{2}-\d{2}/.test(raw) || /^\d{2}:\d{2}/.test(raw)) return raw;
    if (/^[+-]?(?:inf|nan)$|^0[xob][0-9a-fA-F_]+$/.test(raw)) return raw;
    throw new TomlSyntaxError(`Invalid value "${raw}"`, this.index - raw.length);
  }

  array(depth: number): TomlValue[] {
    this.index++;
    const out: TomlValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === ']') break;
      out.push(this.value(depth + 1));
      this.skipBlank();
      if (this.peek() === ',') this.index++;
      else if (this.peek() !== ']') this.fail('Expected "," or "]" in an array');
    }
    this.index++;
    return out;
  }

  inlineTable(depth: number): TomlTable {
    this.index++;
    const table: TomlTable = {};
    this.skipBlank();
    while (this.peek() !== '}') {
      const key = this.key();
      if (this.peek() !== '=') this.fail('Expected "=" after a key');
      this.index++;
      this.skipSpaces();
      assign(table, key, this.value(depth + 1), this.index);
      this.skipBlank();
      if (this.peek() === ',') this.index++;
      else if (this.peek() !== '}') this.fail('Expected "," or "}" in an inline table');
      this.skipBlank();
    }
    this.index++;
    return table;
  }
}

function descend(table: TomlTable, key: string, offset: number): TomlTable {
  const existing = table[key];
  if (existing === undefined) {
    const created: TomlTable = {};
    table[key] = created;
    return created;
  }
  if (isTable(existing)) return existing;
  const last = Array.isArray(existing) ? existing.at(-1) : undefined;
  if (isTable(last)) return last;
  throw new TomlSyntaxError(`Key "${key}" is already a value`, offset);
}

function assign(table: TomlTable, key: readonly string[], value: TomlValue, offset: number): void {
  let target = table;
  for (const part of key.slice(0, -1)) target = descend(target, part, offset);
  const last = key.at(-1) ?? '';
  if (Object.hasOwn(target, last)) throw new TomlSyntaxError(`Duplicate key "${last}"`, offset);
  target[last] = value;
}

export function parseToml(text: string): TomlDocument {
  const reader: Reader = new Reader(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  const root: TomlTable = {};
  const items: TomlArrayItem[] = [];
  const errors: { offset: number; message: string }[] = [];
  let current = root;
  let currentItem: TomlArrayItem | undefined;
  for (;;) {
    reader.skipBlank();
    if (reader.index >= text.length) break;
    const lineStart = reader.index;
    try {
      if (reader.peek() === '[') {
        const isArray = reader.peek(1) === '[';
        reader.index += isArray ? 2 : 1;
        const path = reader.key();
        if (!reader.text.startsWith(isArray ? ']]' : ']', reader.index)) reader.fail('Expected "]" to close the table header');
        reader.index += isArray ? 2 : 1;
        reader.endLine();
        let parent = root;
        for (const part of path.slice(0, -1)) parent = descend(parent, part, lineStart);
        const last = path.at(-1) ?? '';
        const dotted = path.join('.');
        if (isArray) {
          const list = parent[last] ?? [];
          if (!Array.isArray(list)) throw new TomlSyntaxError(`"${dotted}" is not an array of tables`, lineStart);
          current = {};
          list.push(current);
          parent[last] = list;
          currentItem = { path: dotted, start: lineStart, end: reader.index, value: current };
          items.push(currentItem);
        } else {
          current = descend(parent, last, lineStart);
          if (currentItem !== undefined && !dotted.startsWith(`${currentItem.path}.`)) currentItem = undefined;
        }
        continue;
      }
      const key = reader.key();
      if (reader.peek() !== '=') reader.fail('Expected "=" after a key');
      reader.index++;
      reader.skipSpaces();
      const value = reader.value(0);
      assign(current, key, value, lineStart);
      reader.endLine();
      if (currentItem !== undefined) currentItem.end = Math.min(reader.index, text.length);
    } catch (cause) {
      if (!(cause instanceof TomlSyntaxError)) throw cause;
      errors.push({ offset: cause.offset, message: cause.message });
      const next = text.indexOf('\n', Math.max(cause.offset, lineStart));
      reader.index = next === -1 ? text.length : next + 1;
    }
  }
  for (const item of items) item.end = trimEnd(text, item.end);
  return { root, items, errors };
}

function trimEnd(text: string, end: number): number {
  let i = Math.min(end, text.length);
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

/** Reads a string field of a TOML table. */
export function tomlString(table: TomlTable, key: string): string | undefined {
  const value = table[key];
  return typeof value === 'string' ? value : undefined;
}

export function tomlTable(value: TomlValue | undefined): TomlTable | undefined {
  return isTable(value) ? value : undefined;
}
