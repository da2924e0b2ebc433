/** `Property.getValue` of dockerfile-ast and the helpers it shares with lexer-properties.ts. */

const NEEDS_READING = /[\s"'#]/;

/** `Property.getValue`: a name or value with quotes removed, escapes applied and continuation comments dropped. */
export function propertyValue(written: string, escapeChar: string): string {
  // Nothing to unquote, unescape or drop: the value is the text (the common case).
  if (written !== '' && !NEEDS_READING.test(written) && !written.includes(escapeChar)) return written;
  const skip = leadingNonWhitespace(written, escapeChar);
  const state = { escaped: skip !== 0 && written.charAt(skip) === '#', commentCheck: -1, out: '' };
  let value = written.substring(skip);
  const first = value.charAt(0);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && value.charAt(value.length - 1) === "'";
  const inDouble = first === '"' && closesDouble(value, escapeChar);
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  const quoted = inSingle || inDouble || literal;
  for (let i = 0; i < value.length; i += 1) {
    const char = value.charAt(i);
    if (char === escapeChar) {
      if (i + 1 === value.length) {
        state.out += escapeChar;
        break;
      }
      i = escapeInValue(value, i, { escapeChar, inDouble, quoted }, state);
      continue;
    }
    i = plainInValue(value, i, char, state);
  }
  return state.out;
}

interface ValueState {
  escaped: boolean;
  commentCheck: number;
  out: string;
}

function closesDouble(value: string, escapeChar: string): boolean {
  let closes = false;
  for (let i = 1; i < value.length; i += 1) {
    if (value.charAt(i) === escapeChar) i += 1;
    else if (value.charAt(i) === '"' && i === value.length - 1) closes = true;
  }
  return closes;
}

/** An escape character at `i` (not the last one); answers the index the loop continues after. */
function escapeInValue(value: string, i: number, mode: { escapeChar: string; inDouble: boolean; quoted: boolean }, state: ValueState): number {
  const { escapeChar } = mode;
  const char = value.charAt(i + 1);
  if (char === ' ' || char === '\t') {
    let j = i + 2;
    while (j < value.length && (value.charAt(j) === ' ' || value.charAt(j) === '\t')) j += 1;
    const after = value.charAt(j);
    if (j < value.length && (after === '\r' || after === '\n')) {
      state.escaped = true;
      return after === '\r' ? j + 1 : j;
    }
    if (j < value.length && !mode.quoted) {
      if (after === escapeChar) {
        state.out += char;
        return i + 1;
      }
      state.out += char + after;
      return j;
    }
  }
  if (mode.inDouble) {
    if (char === '\r' || char === '\n') {
      state.escaped = true;
      return i + (char === '\r' ? 2 : 1);
    }
    if (char === '"') return i;
    state.out += escapeChar;
    return char === escapeChar ? i + 1 : i;
  }
  if (mode.quoted) {
    if (char === '\r' || char === '\n') {
      state.escaped = true;
      return i + (char === '\r' ? 2 : 1);
    }
    state.out += escapeChar;
    return i;
  }
  if (char === '\r' || char === '\n') state.escaped = true;
  else state.out += char;
  return i + (char === '\r' ? 2 : 1);
}

/** Any other character at `i`; answers the index the loop continues after. */
function plainInValue(value: string, i: number, char: string, state: ValueState): number {
  if (char === ' ' || char === '\t') {
    if (state.escaped && state.commentCheck === -1) state.commentCheck = i;
    state.out += char;
    return i;
  }
  if (char === '\r' || char === '\n') {
    const at = char === '\r' ? i + 1 : i;
    if (state.escaped && state.commentCheck !== -1) {
      state.out = state.out.substring(0, state.out.length - (at - state.commentCheck - 1));
      state.commentCheck = -1;
    }
    return at;
  }
  if (char === '#' && state.escaped) {
    if (state.commentCheck !== -1) {
      state.out = state.out.substring(0, state.out.length - (i - state.commentCheck));
      state.commentCheck = -1;
    }
    const end = commentLineEnd(value, i + 1);
    return end === -1 ? i : end;
  }
  if (state.escaped) {
    state.escaped = false;
    state.commentCheck = -1;
  }
  state.out += char;
  return i;
}

/** `Util.findLeadingNonWhitespace`. */
export function leadingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = 0; i < content.length; i += 1) {
    const char = content.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char !== escapeChar) return i;
    const next = skipEscapedBreak(content, i + 1);
    if (next === -1) return -1;
    i = next;
  }
  return -1;
}

/** After an escape at `from - 1`: the index to continue after the line break it escapes, or -1. */
function skipEscapedBreak(content: string, from: number): number {
  for (let j = from; j < content.length; j += 1) {
    const char = content.charAt(j);
    if (char === ' ' || char === '\t') continue;
    if (char === '\r') return j + 1;
    if (char === '\n') return j;
    return -1;
  }
  return -1;
}

/** After a `#` at `from - 1` inside a continuation: the index of the line break ending the comment (its LF), or -1. */
export function commentLineEnd(content: string, from: number): number {
  for (let j = from; j < content.length; j += 1) {
    const char = content.charAt(j);
    if (char === '\r') return j + 1;
    if (char === '\n') return j;
  }
  return -1;
}
