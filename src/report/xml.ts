/*
 * XML 1.0 text and attribute escaping. XML 1.0 forbids most control characters even as character
 * references, so they (and lone surrogates, U+FFFE, U+FFFF) are replaced with U+FFFD.
 */

const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const REPLACEMENT = '\ufffd';

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Tabs and line breaks are kept as references: attribute-value normalisation would turn them into spaces.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Character data: `&`, `<`, `>` escaped (so `]]>` cannot occur); `\r` kept as a reference so it survives parsing. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, REPLACEMENT).replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char] ?? '&#13;');
}

/** An attribute value for use between double quotes. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(NOT_XML_CHAR, REPLACEMENT).replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}

/** `<name a="1" b="2">`: attributes in the given order, each value escaped. */
export function xmlStartTag(name: string, attributes: Readonly<Record<string, string | number>>, selfClosing = false): string {
  const rendered = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${rendered}${selfClosing ? '/>' : '>'}`;
}
