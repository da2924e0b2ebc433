import { linesWithOffsets } from './text.ts';

/** One RFC 822-style stanza (dpkg status, apk installed): fields in order, with the stanza's span. */
export interface Paragraph {
  readonly fields: Map<string, string>;
  readonly start: number;
  end: number;
}

/**
 * Splits a stanza file into paragraphs at blank lines. `Key: value` fields (dpkg) or `K:value`
 * (apk); continuation lines (leading space or tab) are appended to the previous field.
 */
export function readParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  let lastKey: string | undefined;
  for (const line of linesWithOffsets(text)) {
    if (line.text.trim() === '') {
      current = undefined;
      continue;
    }
    if (current === undefined) {
      current = { fields: new Map(), start: line.start, end: line.start };
      paragraphs.push(current);
      lastKey = undefined;
    }
    current.end = line.start + line.text.length;
    if ((line.text.startsWith(' ') || line.text.startsWith('\t')) && lastKey !== undefined) {
      current.fields.set(lastKey, `${current.fields.get(lastKey) ?? ''}\n${line.text.trim()}`);
      continue;
    }
    const colon = line.text.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.text.slice(0, colon);
    if (!current.fields.has(lastKey)) current.fields.set(lastKey, line.text.slice(colon + 1).trim());
  }
  return paragraphs;
}
