import type { JsonValue } from '../kubernetes/index.ts';

/**
 * A JSON value as block YAML: mappings and sequences as blocks, every key and string double-quoted
 * (JSON's escapes are YAML's), numbers, booleans and null as JSON writes them, empty collections as
 * `{}` and `[]`. The manifest loader's single-pass reader reads this subset, several times faster than
 * it reads the same object written as JSON; the value read back is the value written.
 */
export function toBlockYaml(value: JsonValue): string {
  const lines: string[] = [];
  if (isObject(value) && Object.keys(value).length > 0) writeMapping(value, '', lines);
  else lines.push(inline(value));
  return `${lines.join('\n')}\n`;
}

function writeMapping(object: { readonly [key: string]: JsonValue }, indent: string, lines: string[]): void {
  for (const [key, item] of Object.entries(object)) {
    const head = `${indent}${JSON.stringify(key)}:`;
    if (isBlock(item)) {
      lines.push(head);
      writeBlock(item, `${indent}  `, lines);
    } else lines.push(`${head} ${inline(item)}`);
  }
}

function writeSequence(items: readonly JsonValue[], indent: string, lines: string[]): void {
  for (const item of items) {
    if (!isBlock(item)) {
      lines.push(`${indent}- ${inline(item)}`);
      continue;
    }
    // The item's block is written one level deeper, then its first line joins the dash.
    const start = lines.length;
    writeBlock(item, `${indent}  `, lines);
    lines[start] = `${indent}- ${(lines[start] ?? '').slice(indent.length + 2)}`;
  }
}

function writeBlock(value: JsonValue, indent: string, lines: string[]): void {
  if (Array.isArray(value)) writeSequence(value, indent, lines);
  else if (isObject(value)) writeMapping(value, indent, lines);
}

/** A non-empty mapping or sequence (written as a block). */
function isBlock(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isObject(value) && Object.keys(value).length > 0;
}

function inline(value: JsonValue): string {
  if (Array.isArray(value)) return '[]';
  if (isObject(value)) return '{}';
  return JSON.stringify(value);
}

function isObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
