// Offsets of values inside a JSON text already known to be valid (JSON.parse succeeded), so that a
// component read from an SBOM can point at its own line. One pass over the characters of each value
// skipped; strings are skipped with native searches.

function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function skipString(text: string, index: number): number {
  let from = index + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const STRUCTURAL = /["{}[\]]/g;

function skipValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first !== '{' && first !== '[') {
    let i = index;
    while (i < text.length && !',}] \n\r\t'.includes(text[i] ?? ',')) i++;
    return i;
  }
  let depth = 0;
  STRUCTURAL.lastIndex = index;
  for (;;) {
    const match = STRUCTURAL.exec(text);
    if (match === null) return text.length;
    if (match[0] === '"') {
      STRUCTURAL.lastIndex = skipString(text, match.index);
      continue;
    }
    depth += match[0] === '{' || match[0] === '[' ? 1 : -1;
    if (depth === 0) return match.index + 1;
  }
}

/** Offset of the value of `key` in the object starting at `objectStart`, or undefined. */
export function memberValueStart(text: string, objectStart: number, key: string): number | undefined {
  if (text[objectStart] !== '{') return undefined;
  let found: number | undefined;
  let i = skipWhitespace(text, objectStart + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = skipString(text, i);
    const raw = text.slice(i + 1, keyEnd - 1);
    const name = raw.includes('\\') ? String(JSON.parse(`"${raw}"`)) : raw;
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    if (name === key) found = valueStart; // later duplicates win, as in JSON.parse
    i = skipWhitespace(text, skipValue(text, valueStart));
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return found;
}

/** Start and end offsets of the elements of the array starting at `arrayStart`. */
export function elementRanges(text: string, arrayStart: number | undefined): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  if (arrayStart === undefined || text[arrayStart] !== '[') return ranges;
  let i = skipWhitespace(text, arrayStart + 1);
  while (i < text.length && text[i] !== ']') {
    const end = skipValue(text, i);
    ranges.push({ start: i, end });
    i = skipWhitespace(text, end);
    if (text[i] !== ',') break;
    i = skipWhitespace(text, i + 1);
  }
  return ranges;
}

/** The offset where the top-level value starts (after a byte-order mark and whitespace). */
export function rootStart(text: string): number {
  return skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
}
