import type { JsonObject, JsonValue } from './json.ts';
import type { BlockLines } from './fast-scalars.ts';
import { blockScalarValue } from './fast-scalars.ts';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, DASH, DOUBLE_QUOTE, FastCursor, GREATER, HASH, MAX_DEPTH, NEWLINE, OPEN_BRACE, OPEN_BRACKET, SINGLE_QUOTE, SPACE, giveUp, isIndicator, keyString } from './fast-cursor.ts';

/** Scalars and flow collections for the fast loader: plain (multi-line), block, and one-line flow collections. */
export class FastScalarReader extends FastCursor {
  /** After a value: only spaces and a comment may follow on its line. */
  protected finishLine(at: number): void {
    let next = at;
    while (this.text.charCodeAt(next) === SPACE) next += 1;
    if (next < this.length && this.text.charCodeAt(next) === HASH && next === at) giveUp();
    if (!this.endsLine(next)) giveUp();
    this.pos = this.nextLine(next);
  }

  /** A plain scalar, with its continuation lines (more indented than its parent) folded. */
  protected plain(at: number, parentIndent: number): JsonValue {
    const text = this.text;
    const lineEnd = this.lineEnd(at);
    // The rest of the line, searched natively for a comment (` #`) and most often the value's text itself.
    const line = text.slice(at, lineEnd);
    const hash = line.indexOf(' #');
    const hasComment = hash !== -1;
    const firstEnd = this.trimSpaces(at, hasComment ? at + hash : lineEnd);
    const first = firstEnd === lineEnd ? line : text.slice(at, firstEnd);
    if (first.includes(': ') || first.endsWith(':')) giveUp();
    this.start = at;
    this.end = firstEnd;
    this.pos = this.nextLine(lineEnd);
    if (hasComment) return this.plainValue(first);
    const parts = this.continuation(parentIndent);
    if (parts === undefined) return this.plainValue(first);
    return first + parts;
  }

  /** The folded continuation lines of a plain scalar (from `pos`), or undefined when there are none. Moves `pos` and `end`. */
  protected continuation(parentIndent: number): string | undefined {
    const text = this.text;
    let folded: string | undefined;
    let blankLines = 0;
    let line = this.pos;
    while (line < this.length) {
      let at = line;
      while (text.charCodeAt(at) === SPACE) at += 1;
      if (at >= this.length) break;
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        blankLines += 1;
        line = at + 1;
        continue;
      }
      if (at - line <= parentIndent || code === HASH) {
        // Only blank lines since `pos`: the next `peekLine` finds this line.
        if (code !== HASH) this.seen(this.pos, line, at);
        break;
      }
      const lineEnd = this.lineEnd(at);
      const end = this.trimSpaces(at, lineEnd);
      const content = text.slice(at, end);
      // A comment (` #`) on the line can only be in its text: only spaces follow it.
      if (content.includes(' #') || content.includes(': ') || content.endsWith(':')) giveUp();
      folded = `${folded ?? ''}${blankLines === 0 ? ' ' : '\n'.repeat(blankLines)}${content}`;
      blankLines = 0;
      this.end = end;
      line = this.nextLine(lineEnd);
      this.pos = line;
    }
    return folded;
  }

  /** A block scalar's lines: indentation and the rest of each line, reused by every block scalar of the file. */
  protected readonly blockLines: BlockLines = { indents: [], contents: [] };

  /** A block scalar (`|`, `|-`, `>`, `>-`): its lines are those more indented than the parent, and blank ones. */
  protected blockScalar(at: number, parentIndent: number): string {
    const text = this.text;
    const folded = text.charCodeAt(at) === GREATER;
    let header = at + 1;
    const strip = text.charCodeAt(header) === DASH;
    if (strip) header += 1;
    const headerEnd = header;
    while (text.charCodeAt(header) === SPACE) header += 1;
    if (!this.endsLine(header) || text.charCodeAt(header) === HASH) giveUp();
    const { indents, contents } = this.blockLines;
    let count = 0;
    let line = this.nextLine(header);
    let contentEnd = headerEnd;
    let afterContent = line;
    let contentLines = 0;
    let firstContent = -1;
    while (line < this.length) {
      let first = line;
      while (text.charCodeAt(first) === SPACE) first += 1;
      const lineEnd = this.lineEnd(first);
      if (first >= lineEnd) {
        indents[count] = first - line;
        contents[count] = '';
        count += 1;
        line = this.nextLine(lineEnd);
        continue;
      }
      if (first - line <= parentIndent) {
        // Only blank lines after the content: the next `peekLine` (from `afterContent`) finds this line.
        if (text.charCodeAt(first) !== HASH) this.seen(afterContent, line, first);
        break;
      }
      indents[count] = first - line;
      contents[count] = text.slice(first, lineEnd);
      if (firstContent === -1) firstContent = count;
      count += 1;
      contentLines = count;
      contentEnd = lineEnd;
      line = this.nextLine(lineEnd);
      afterContent = line;
    }
    const trimIndent = firstContent === -1 ? 0 : (indents[firstContent] ?? 0);
    // Cases the resolver treats specially or as errors: more-indented blank lines before or after the content, less-indented content.
    for (let index = 0; index < count; index += 1) {
      const indent = indents[index] ?? 0;
      if (contents[index] === '' ? indent > trimIndent && (index >= contentLines || index < firstContent) : indent < trimIndent) giveUp();
    }
    this.pos = afterContent;
    this.start = at;
    this.end = contentEnd;
    return contentLines === 0 ? '' : blockScalarValue(folded, strip, this.blockLines, contentLines, trimIndent);
  }

  /** The indentation of the block node whose value is the flow collection being read (-1: none, one line only). */
  protected flowParentIndent = -1;
  /** Nesting of the flow collections being read (1: the outermost). */
  protected flowDepth = 0;

  /**
   * A flow collection: `[]`, `{}`, `[a, "b"]`, `{a: 1}`, nested, a trailing comma allowed. In block
   * context (`parentIndent` ≥ 0) it may span lines between its entries (see `flowSpace`).
   */
  protected flowIn(at: number, parentIndent: number): JsonValue {
    this.flowParentIndent = parentIndent;
    const value = this.flow(at);
    this.flowParentIndent = -1;
    return value;
  }

  protected flow(at: number): JsonValue {
    this.depth += 1;
    this.flowDepth += 1;
    if (this.depth > MAX_DEPTH) giveUp();
    const value = this.text.charCodeAt(at) === OPEN_BRACKET ? this.flowSequence(at) : this.flowMapping(at);
    this.depth -= 1;
    this.flowDepth -= 1;
    return value;
  }

  /**
   * Spaces, and line breaks between a flow collection's entries. A next line must be more indented
   * than the block parent; the outermost collection's closing bracket may sit at the parent's
   * indentation (as the `yaml` library allows). Blank lines, comments and anything less indented
   * are left to the library.
   */
  protected flowSpace(at: number): number {
    const text = this.text;
    let next = this.skipSpaces(at);
    while (next < this.length && text.charCodeAt(next) === NEWLINE) {
      if (this.flowParentIndent < 0) giveUp();
      const line = next + 1;
      next = this.skipSpaces(line);
      const code = text.charCodeAt(next);
      if (next >= this.length || code === NEWLINE || code === HASH) giveUp();
      const indent = next - line;
      const closing = this.flowDepth === 1 && (code === CLOSE_BRACKET || code === CLOSE_BRACE);
      if (indent < this.flowParentIndent || (indent === this.flowParentIndent && !closing)) giveUp();
    }
    return next;
  }

  protected flowSequence(open: number): JsonValue[] {
    const items: JsonValue[] = [];
    const mark = this.store.mark;
    let at = this.flowSpace(open + 1);
    while (this.text.charCodeAt(at) !== CLOSE_BRACKET) {
      const item = this.flowItem(at);
      items.push(item);
      this.store.sequenceEntry(this.start, this.end, this.containerOf(item));
      at = this.flowSpace(this.end);
      const code = this.text.charCodeAt(at);
      if (code === CLOSE_BRACKET) break;
      if (code !== COMMA) giveUp();
      at = this.flowSpace(at + 1);
    }
    this.container = this.store.closeSequence(mark, items.length);
    this.start = open;
    this.end = at + 1;
    return items;
  }

  protected flowMapping(open: number): JsonObject {
    const text = this.text;
    const object: Record<string, JsonValue> = {};
    const store = this.store;
    const mark = store.mark;
    const keyMark = store.keyMark;
    let at = this.flowSpace(open + 1);
    while (text.charCodeAt(at) !== CLOSE_BRACE) {
      const keyStart = at;
      const key = this.flowKey(at);
      const keyEnd = this.end;
      if (Object.hasOwn(object, key) || key === '__proto__') giveUp();
      const valueAt = this.skipSpaces(this.skipSpaces(keyEnd) + 1);
      const value = this.flowItem(valueAt);
      object[key] = value;
      store.mappingEntry(key, this.start, this.end, keyStart, keyEnd, this.containerOf(value));
      at = this.flowSpace(this.end);
      const code = text.charCodeAt(at);
      if (code === CLOSE_BRACE) break;
      if (code !== COMMA) giveUp();
      at = this.flowSpace(at + 1);
    }
    this.container = store.closeMapping(mark, keyMark);
    this.start = open;
    this.end = at + 1;
    return object;
  }

  /** A flow mapping's key, followed by `:` (then a space, unless the key is quoted). Sets `end` to the key's end. */
  protected flowKey(at: number): string {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.quoted(at, -1);
      if (typeof value !== 'string' || text.charCodeAt(this.skipSpaces(this.end)) !== COLON) giveUp();
      return value;
    }
    const value = this.flowPlain(at);
    const colon = this.skipSpaces(this.end);
    if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) giveUp();
    return keyString(value);
  }

  protected flowItem(at: number): JsonValue {
    const code = this.text.charCodeAt(at);
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.flow(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) return this.quoted(at, -1);
    const value = this.flowPlain(at);
    if (this.text.charCodeAt(this.skipSpaces(this.end)) === COLON) giveUp();
    return value;
  }

  /** A plain scalar inside a flow collection: up to `,`, a bracket, `: ` or the end of the line. */
  protected flowPlain(at: number): JsonValue {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (isIndicator(first) || (first === DASH && this.blankAt(at + 1)) || this.endsLine(at)) giveUp();
    let end = at;
    for (;;) {
      const code = text.charCodeAt(end);
      if (end >= this.length || code === NEWLINE || code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE) break;
      if (code === COLON && (text.charCodeAt(end + 1) === SPACE || isFlowEnd(text.charCodeAt(end + 1)))) break;
      if (code === HASH && text.charCodeAt(end - 1) === SPACE) giveUp();
      end += 1;
    }
    const code = text.charCodeAt(end);
    if (end >= this.length || code === NEWLINE || code === OPEN_BRACKET || code === OPEN_BRACE) giveUp();
    end = this.trimSpaces(at, end);
    this.start = at;
    this.end = end;
    return this.plainValue(text.slice(at, end));
  }
}

function isFlowEnd(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE;
}
