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
  let lineStart = 0;
  let depth = 0;
  let counting = true;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      lineStart = index + 1;
      depth = 0;
      counting = true;
      continue;
    }
    if (!counting) continue;
    if (code === 32 || code === 9) depth += 1;
    else if (code !== 45) counting = false;
    if (depth > limit) return lineStart;
  }
  return undefined;
}

/** The 1-based line of the first line indented deeper than `limit`, if any. */
export function deepIndentationLine(text: string, limit: number = MAX_YAML_INDENT): number | undefined {
  const offset = deepIndentation(text, limit);
  if (offset === undefined) return undefined;
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}
