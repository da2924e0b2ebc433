import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childText, children, decodeEntities, parseXml } from './xml.ts';

describe('parseXml', () => {
  it('reads elements, attributes, text with entities and CDATA, skipping comments, PIs and DOCTYPE', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE project>\n<!-- c -->\n<p:project a="1" b=\'x &amp; y\'>\n  <name>A &lt;B&gt; &#65;&#x42;</name>\n  <raw><![CDATA[<not-a-tag> & more]]></raw>\n  <empty/>\n</p:project>\n';
    const { root, errors } = parseXml(text);
    assert.deepEqual(errors, []);
    assert.deepEqual([root?.name, root?.attributes, childText(root, 'name'), childText(root, 'raw'), children(root, 'empty').length], ['p:project', { a: '1', b: 'x & y' }, 'A <B> AB', '<not-a-tag> & more', 1]);
  });

  it('keeps element and text offsets', () => {
    const text = '<a>\n  <b>  value  </b>\n</a>';
    const b = parseXml(text).root?.children[0];
    assert.deepEqual([b?.start, b?.end, text.slice(b?.textStart ?? 0, b?.textEnd ?? 0)], [6, 22, 'value']);
  });

  const tolerated = [
    ['mismatched close tag', '<a><b></a>', ['Closing tag </a> does not match <b>']],
    ['stray close tag', '<a></b></a>', ['Unexpected closing tag </b>']],
    ['unclosed element', '<a><b>', ['Element <a> is not closed', 'Element <b> is not closed']],
    ['unterminated tag', '<a><b', ['Unterminated tag', 'Element <a> is not closed']],
    ['invalid name', '<a><${x}>1</${x}></a>', ['Invalid element name "${x}"']],
  ] as const;
  for (const [name, text, messages] of tolerated) it(`tolerates and reports: ${name}`, () => assert.deepEqual(parseXml(text).errors.map((error) => error.message), messages));

  it('leaves unknown entities as they are', () => {
    assert.equal(decodeEntities('&nbsp;&amp;'), '&nbsp;&');
  });
});
