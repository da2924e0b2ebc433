/*
 * A small, strict XML 1.0 reader for the reporter tests (there is no XML parser dependency). It
 * accepts what the JUnit reporter writes: an XML declaration, elements, attributes in double quotes,
 * character data and the predefined and numeric character references. Anything else, and every
 * well-formedness error it can see (unbalanced or crossed tags, a second root, a raw `<` or `&`,
 * `]]>` in text, duplicate attributes, characters XML 1.0 forbids), throws with the offset.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The decoded character data directly inside this element, concatenated. */
  readonly text: string;
}

interface MutableElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: MutableElement[];
  text: string;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const NAME = /[A-Za-z_][\w.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.-]*)="([^"]*)"/y;
const TAG_END = /\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.-]*)\s*>/y;
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad !== null) throw new Error(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16)} is not allowed in XML 1.0 (offset ${bad.index})`);
  if (!xml.startsWith(DECLARATION)) throw new Error('missing XML declaration');
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  let offset = DECLARATION.length;
  while (offset < xml.length) {
    const next = xml.indexOf('<', offset);
    appendText(stack, xml.slice(offset, next === -1 ? xml.length : next), offset);
    if (next === -1) break;
    if (xml.startsWith('</', next)) {
      offset = closeTag(xml, next, stack);
      continue;
    }
    const tag = readStartTag(xml, next);
    const parent = stack.at(-1);
    if (parent !== undefined) parent.children.push(tag.element);
    else if (root === undefined) root = tag.element;
    else throw new Error(`second root element at offset ${next}`);
    if (!tag.selfClosing) stack.push(tag.element);
    offset = tag.end;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)?.name ?? ''}> at end of document`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

function appendText(stack: MutableElement[], raw: string, offset: number): void {
  if (raw.includes(']]>')) throw new Error(`"]]>" in character data at offset ${offset}`);
  const text = decode(raw, offset);
  const parent = stack.at(-1);
  if (parent !== undefined) parent.text += text;
  else if (text.trim() !== '') throw new Error(`text outside the root element at offset ${offset}`);
}

function readStartTag(xml: string, start: number): { element: MutableElement; selfClosing: boolean; end: number } {
  const name = matchAt(NAME, xml, start + 1)?.[0];
  if (name === undefined) throw new Error(`malformed tag at offset ${start}`);
  const element: MutableElement = { name, attributes: {}, children: [], text: '' };
  let offset = start + 1 + name.length;
  for (let match = matchAt(ATTRIBUTE, xml, offset); match !== null; match = matchAt(ATTRIBUTE, xml, offset)) {
    const [whole, key = '', value = ''] = match;
    if (Object.hasOwn(element.attributes, key)) throw new Error(`duplicate attribute ${key} at offset ${offset}`);
    if (value.includes('<')) throw new Error(`raw "<" in attribute ${key} at offset ${offset}`);
    element.attributes[key] = decode(value, offset);
    offset += whole.length;
  }
  const close = matchAt(TAG_END, xml, offset);
  if (close === null) throw new Error(`malformed tag <${name}> at offset ${start}`);
  return { element, selfClosing: close[1] === '/', end: offset + close[0].length };
}

function closeTag(xml: string, start: number, stack: MutableElement[]): number {
  const match = matchAt(END_TAG, xml, start);
  if (match === null) throw new Error(`malformed end tag at offset ${start}`);
  const open = stack.pop();
  if (open?.name !== match[1]) throw new Error(`</${match[1] ?? ''}> at offset ${start} does not close <${open?.name ?? '(nothing)'}>`);
  return start + match[0].length;
}

function matchAt(pattern: RegExp, text: string, offset: number): RegExpExecArray | null {
  pattern.lastIndex = offset;
  return pattern.exec(text);
}

function decode(raw: string, offset: number): string {
  let result = '';
  let index = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', index)) {
    result += raw.slice(index, amp);
    const match = matchAt(REFERENCE, raw, amp);
    if (match === null) throw new Error(`bare "&" at offset ${offset + amp}`);
    result += referenced(match, offset + amp);
    index = amp + match[0].length;
  }
  return result + raw.slice(index);
}

function referenced(match: RegExpExecArray, offset: number): string {
  const [, named, decimal, hex] = match;
  if (named !== undefined) return NAMED[named] ?? '';
  const code = decimal === undefined ? Number.parseInt(hex ?? '', 16) : Number.parseInt(decimal, 10);
  const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
  if (char === '' || NOT_XML_CHAR.test(char)) throw new Error(`reference to a character XML 1.0 forbids at offset ${offset}`);
  return char;
}
