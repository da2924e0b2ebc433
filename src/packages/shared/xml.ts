/**
 * A small tolerant XML reader with positions (enough for pom.xml): elements, attributes, text,
 * comments, CDATA, processing instructions and DOCTYPE skipped, the five named entities and
 * numeric references decoded. Namespaces are kept in names. A stray or mismatched close tag is
 * reported with its offset and tolerated; unclosed elements are closed at the end.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  readonly start: number;
  end: number;
  /** Offsets of the element's text content (first to last text character). */
  textStart: number;
  textEnd: number;
}

export interface XmlDocument {
  readonly root: XmlElement | undefined;
  readonly errors: readonly { readonly offset: number; readonly message: string }[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_DEPTH = 256;
const XML_NAME = /^[A-Za-z_][\w.:-]*$/;

/** A character reference beyond U+10FFFF (not a character) is kept as written. */
function fromCodePoint(code: number, whole: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return fromCodePoint(Number.parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith('#')) return fromCodePoint(Number.parseInt(entity.slice(1), 10), whole);
    return ENTITIES[entity] ?? whole;
  });
}

function newElement(name: string, attributes: Record<string, string>, start: number): XmlElement {
  return { name, attributes, children: [], text: '', start, end: start, textStart: -1, textEnd: -1 };
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([^\s=/]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attributes[match[1] ?? ''] = decodeEntities(match[3] ?? match[4] ?? '');
  return attributes;
}

function addText(element: XmlElement, raw: string, offset: number): void {
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return;
  if (element.textStart === -1) element.textStart = offset + leading;
  element.textEnd = offset + leading + trimmed.length;
  element.text += decodeEntities(trimmed);
}

const SKIPPED: readonly (readonly [string, string])[] = [
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<!DOCTYPE', '>'],
];

export function parseXml(text: string): XmlDocument {
  const errors: { offset: number; message: string }[] = [];
  const document = newElement('#document', {}, 0);
  const stack: XmlElement[] = [document];
  let index = 0;
  while (index < text.length) {
    const current = stack.at(-1) ?? document;
    const open = text.indexOf('<', index);
    if (open === -1) break;
    if (open > index) addText(current, text.slice(index, open), index);
    const skipped = SKIPPED.find(([prefix]) => text.startsWith(prefix, open));
    if (skipped !== undefined) {
      const close = text.indexOf(skipped[1], open + skipped[0].length);
      index = close === -1 ? text.length : close + skipped[1].length;
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open);
      const end = close === -1 ? text.length : close;
      addText(current, text.slice(open + 9, end).replaceAll('&', '&amp;'), open + 9);
      index = end + 3;
      continue;
    }
    const close = text.indexOf('>', open);
    if (close === -1) {
      errors.push({ offset: open, message: 'Unterminated tag' });
      break;
    }
    const tag = text.slice(open + 1, close);
    index = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const at = stack.findLastIndex((element) => element.name === name);
      if (at <= 0) {
        errors.push({ offset: open, message: `Unexpected closing tag </${name}>` });
        continue;
      }
      if (at !== stack.length - 1) errors.push({ offset: open, message: `Closing tag </${name}> does not match <${current.name}>` });
      for (const element of stack.splice(at)) element.end = index;
      continue;
    }
    const nameMatch = /^[^\s/>]+/.exec(tag);
    if (nameMatch === null) {
      errors.push({ offset: open, message: 'Malformed tag' });
      continue;
    }
    if (!XML_NAME.test(nameMatch[0])) errors.push({ offset: open + 1, message: `Invalid element name "${nameMatch[0]}"` });
    const element = newElement(nameMatch[0], parseAttributes(tag.slice(nameMatch[0].length)), open);
    element.end = index;
    current.children.push(element);
    if (!tag.endsWith('/') && stack.length < MAX_DEPTH) stack.push(element);
    else if (stack.length >= MAX_DEPTH) errors.push({ offset: open, message: 'Elements nested too deeply' });
  }
  for (const element of stack.slice(1)) {
    errors.push({ offset: element.start, message: `Element <${element.name}> is not closed` });
    element.end = text.length;
  }
  return { root: document.children[0], errors };
}

/** The first child element with this (local) name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => localName(candidate.name) === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((candidate) => localName(candidate.name) === name) ?? [];
}

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

export function childText(element: XmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.text;
}
