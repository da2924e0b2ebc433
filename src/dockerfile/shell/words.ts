import type { Node } from 'web-tree-sitter';

/** The value of a word node after quote removal, and whether it is known without running the shell. */
export interface WordValue {
  readonly value: string;
  readonly static: boolean;
}

const DYNAMIC = new Set(['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion']);

/** Reads a word-like node (`word`, `"…"`, `'…'`, `$'…'`, concatenations); expansions make it non-static. */
export function wordValue(node: Node): WordValue {
  const text = node.text;
  switch (node.type) {
    case 'word':
    case 'number':
      return { value: unescapeBare(text), static: true };
    case 'raw_string':
      return { value: text.slice(1, -1), static: true };
    case 'ansi_c_string':
      return { value: text.slice(2, -1), static: true };
    case 'string':
    case 'translated_string':
      return doubleQuoted(node);
    case 'concatenation':
      return concatenation(node);
    case 'variable_assignment':
      return assignment(node);
    default:
      return { value: text, static: !DYNAMIC.has(node.type) && node.namedChildCount === 0 && node.type !== 'ERROR' };
  }
}

function doubleQuoted(node: Node): WordValue {
  const dynamic = node.namedChildren.some((child) => child !== null && child.type !== 'string_content');
  if (dynamic) return { value: node.text, static: false };
  const text = node.text;
  const open = text.startsWith('$"') ? 2 : 1;
  const inner = text.endsWith('"') && text.length > open ? text.slice(open, -1) : text.slice(open);
  return { value: inner.replace(/\\([\\"$`\n])/g, '$1'), static: true };
}

/** `NAME=value`, the value after quote removal. */
function assignment(node: Node): WordValue {
  const name = node.childForFieldName('name')?.text ?? '';
  const valueNode = node.childForFieldName('value');
  if (valueNode === null) return { value: `${name}=`, static: true };
  const value = wordValue(valueNode);
  return { value: `${name}=${value.value}`, static: value.static };
}

function concatenation(node: Node): WordValue {
  let value = '';
  let known = true;
  for (const child of node.namedChildren) {
    if (child === null) continue;
    const part = wordValue(child);
    value += part.value;
    known &&= part.static;
  }
  return known ? { value, static: true } : { value: node.text, static: false };
}

/** Removes the backslashes of an unquoted word (`\-` is `-`, `\\` is `\`). */
function unescapeBare(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/gs, '$1') : text;
}
