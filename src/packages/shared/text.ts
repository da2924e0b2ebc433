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
