import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSourceDocument } from '../core/index.ts';
import { decodeText } from '../core/fs.ts';
import { kubernetesAnalyzer } from './analyzer.ts';
import { loadManifests, looksUtf16 } from './load.ts';

const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  city: Zürich\n';

function analyze(path: string, bytes: Uint8Array): { matched: boolean; output: ReturnType<typeof loadManifests> } {
  const text = decodeText(bytes);
  const matched = kubernetesAnalyzer.matches({ path, size: bytes.length }, () => text.slice(0, 4096));
  return { matched, output: loadManifests(createSourceDocument(path, text)) };
}

describe('manifests that are not UTF-8', () => {
  it('Latin-1 bytes: the objects are read, with an error at the first invalid byte', () => {
    const { matched, output } = analyze('latin1.yaml', Buffer.from(MANIFEST, 'latin1'));
    assert.equal(matched, true);
    assert.equal(output.objects.length, 1);
    assert.deepEqual(output.errors, [
      { path: 'latin1.yaml', code: 'PARSE_FAILED', message: 'Invalid UTF-8 (shown as U+FFFD) first here; the API server refuses such a file.', startLine: 6, startColumn: 10 },
    ]);
  });

  it('invalid sequences (truncated, overlong, lone continuation bytes): an error with a position, never a crash', () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a'), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xc0, 0xaf, 0x80]), Buffer.from('"\n')]);
    const { output } = analyze('invalid.yaml', bytes);
    assert.equal(output.objects.length, 1);
    assert.equal(output.errors[0]?.startLine, 4);
    assert.equal(output.errors[0]?.startColumn, 11);
  });

  for (const [name, bytes] of [
    ['UTF-16 LE with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MANIFEST, 'utf16le')])],
    ['UTF-16 BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MANIFEST, 'utf16le').swap16()])],
    ['UTF-16 LE without a byte-order mark', Buffer.from(MANIFEST, 'utf16le')],
  ] as const) {
    it(`${name}: recognised as a manifest and reported, not misread`, () => {
      const { matched, output } = analyze('utf16.yaml', bytes);
      assert.equal(matched, true);
      assert.deepEqual(output, {
        objects: [],
        errors: [{ path: 'utf16.yaml', code: 'PARSE_FAILED', message: 'File is UTF-16 encoded; manifests are read as UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8); it was not read.', startLine: 1, startColumn: 1 }],
      });
    });
  }

  it('a UTF-8 byte-order mark is fine', () => {
    const { output } = analyze('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MANIFEST)]));
    assert.deepEqual(output.errors, []);
    assert.equal(output.objects.length, 1);
  });
});

/** The first implementation of `looksUtf16` (arrays of code points): the reference for the loop that replaced it. */
function referenceLooksUtf16(text: string): boolean {
  const head = text.startsWith('\ufffd\ufffd') ? text.slice(2, 66) : text.slice(0, 64);
  if (head.length < 4) return false;
  const even = [...head].filter((_, index) => index % 2 === 0);
  const odd = [...head].filter((_, index) => index % 2 === 1);
  return even.every((character) => character === '\0') !== odd.every((character) => character === '\0');
}

describe('looksUtf16', () => {
  it('agrees with the reference on generated heads (NULs, byte-order marks, astral characters)', () => {
    const character = fc.constantFrom('\0', '\0', '\0', 'a', ' ', '\ufffd', '\u{1f600}', '\n');
    fc.assert(
      fc.property(fc.array(character, { maxLength: 80 }), (characters) => {
        const text = characters.join('');
        assert.equal(looksUtf16(text), referenceLooksUtf16(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('UTF-16 text is recognised, with or without a byte-order mark; UTF-8 text is not', () => {
    assert.equal(looksUtf16(decodeText(Buffer.from(MANIFEST, 'utf16le'))), true);
    assert.equal(looksUtf16(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MANIFEST, 'utf16le')]))), true);
    assert.equal(looksUtf16(MANIFEST), false);
    assert.equal(looksUtf16('a\0b'), false);
  });
});
