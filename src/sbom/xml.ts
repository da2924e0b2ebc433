// A small XML reader with offsets, enough for CycloneDX XML: elements, attributes and text; comments,
// CDATA, processing instructions skipped; a DOCTYPE is refused (no entity expansion, ever); the five
// named entities and numeric references decoded. Namespace prefixes are dropped from names.

export interface XmlNode {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlNode[];
  text: string;
  readonly start: number;
  end: number;
}

export type XmlReading = { readonly ok: true; readonly root: XmlNode } | { readonly ok: false; readonly offset: number; readonly message: string };

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_DEPTH = 128;
const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!([A-Za-z]+)|<\/([^\s>]+)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attributes.set(match[1] ?? '', decode(match[2] ?? match[3] ?? ''));
  return attributes;
}

/** Parses the document; the first structural problem (a DOCTYPE, a mismatched or missing close tag, no root) is returned with its offset. */
export function parseXml(text: string): XmlReading {
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const top = stack.at(-1);
    if (top !== undefined) top.text += decode(text.slice(last, match.index));
    last = TOKEN.lastIndex;
    if (match[1] !== undefined && top !== undefined) top.text += match[1];
    if (match[2] !== undefined) return { ok: false, offset: match.index, message: `<!${match[2]}> is not allowed in an SBOM` };
    if (match[3] !== undefined) {
      if (top === undefined || top.name !== localName(match[3])) return { ok: false, offset: match.index, message: `Unexpected closing tag </${match[3]}>` };
      top.end = TOKEN.lastIndex;
      stack.pop();
      continue;
    }
    if (match[4] === undefined) continue;
    const node: XmlNode = { name: localName(match[4]), attributes: attributesOf(match[5] ?? ''), children: [], text: '', start: match.index, end: TOKEN.lastIndex };
    if (top === undefined && root !== undefined) return { ok: false, offset: match.index, message: 'More than one root element' };
    if (top === undefined) root = node;
    else top.children.push(node);
    if (match[6] === '/') continue;
    if (stack.length >= MAX_DEPTH) return { ok: false, offset: match.index, message: `Elements nested deeper than ${MAX_DEPTH}` };
    stack.push(node);
  }
  const open = stack.at(-1);
  if (open !== undefined) return { ok: false, offset: open.start, message: `<${open.name}> is never closed` };
  if (root === undefined) return { ok: false, offset: 0, message: 'No root element' };
  return { ok: true, root };
}

export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined ? [] : node.children.filter((child) => child.name === name);
}

export function childNamed(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((child) => child.name === name);
}

export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const child = childNamed(node, name);
  return child === undefined ? undefined : child.text.trim();
}
