/** Offset of the first line that is a git merge-conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`), if any. */
export function conflictMarker(text: string): number | undefined {
  const match = /^(?:<{7}|>{7})(?: |$)|^={7}$/m.exec(text);
  return match?.index;
}

/** Each line with its start offset (the line without its `\n` or `\r\n`). */
export function* linesWithOffsets(text: string): Generator<{ text: string; start: number }> {
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    yield { text: line.endsWith('\r') ? line.slice(0, -1) : line, start };
    if (newline === -1) return;
    start = newline + 1;
  }
}

/**
 * Offset of the first line indented deeper than `limit` levels (leading spaces and tabs, plus
 * compact `- ` sequence entries), if any; one linear pass. The `yaml` library recurses once per
 * level and, past about 900 levels, takes minutes to fail (found by the fuzzing of issue 14).
 */
export function deepIndentation(text: string, limit: number): number | undefined {
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
