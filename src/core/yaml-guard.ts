// A linear pre-check for YAML readers. The `yaml` library's parser and composer recurse once per
// nesting level: a hostile file a few thousand levels deep (`- - - - …`, or block mappings indented
// thousands of spaces) overflows the stack or takes minutes to fail. Found by the fuzzing of issue 14
// (test/fuzz/regressions). Every reader that hands text to `yaml` checks it first.

/** Lines indented deeper than this many columns (spaces, tabs and compact `- ` entries) are refused. */
export const MAX_YAML_INDENT = 512;

/**
 * Offset of the first line indented deeper than `limit` (leading spaces and tabs, plus compact `- `
 * sequence entries), in one linear pass; undefined when every line is within it.
 */
export function deepIndentation(text: string, limit: number = MAX_YAML_INDENT): number | undefined {
  for (let lineStart = 0; lineStart < text.length; ) {
    // The line's end by a native search: a line no longer than `limit` cannot be indented deeper, and
    // its indentation (most of a manifest's characters) is not walked.
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd - lineStart > limit && indentationEnd(text, lineStart, limit) === -1) return lineStart;
    if (newline === -1) return undefined;
    lineStart = newline + 1;
  }
  return undefined;
}

/** Where the indentation (spaces, tabs, dashes) that starts at `start` ends; -1 when it holds more than `limit` spaces and tabs. */
function indentationEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 45) continue;
    if (code !== 32 && code !== 9) return index;
    depth += 1;
    if (depth > limit) return -1;
  }
  return text.length;
}

/** The 1-based line of the first line indented deeper than `limit`, if any. */
export function deepIndentationLine(text: string, limit: number = MAX_YAML_INDENT): number | undefined {
  const offset = deepIndentation(text, limit);
  if (offset === undefined) return undefined;
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}
