import assert from 'node:assert/strict';
import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { decodeText } from '../core/fs.ts';
import { createFileReader, decodeBytes } from './file-bytes.ts';

describe('file reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-file-bytes-'));
  const write = (name: string, data: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };

  it('reads whole files one after the other into its buffer', () => {
    const reader = createFileReader();
    const first = reader.read(write('a.txt', 'hello world'), 11);
    assert.equal(first.bytes.toString('utf8', 0, first.length), 'hello world');
    const second = reader.read(write('b.txt', 'bye'), 3);
    assert.equal(second.bytes.toString('utf8', 0, second.length), 'bye');
    const empty = reader.read(write('empty.txt', ''), 0);
    assert.equal(empty.length, 0);
  });

  it('reads to the end when the file is larger than the walk said, and large files whole', () => {
    const reader = createFileReader();
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'ab');
    const read = reader.read(write('grown.txt', big), 10);
    assert.equal(read.length, big.length);
    assert.ok(read.bytes.subarray(0, read.length).equals(big));
    const huge = Buffer.alloc(17 * 1024 * 1024, 'z');
    const whole = reader.read(write('huge.txt', huge), huge.length);
    assert.equal(whole.length, huge.length);
    assert.equal(reader.read(write('small.txt', 'x'), 1).bytes.toString('utf8', 0, 1), 'x');
  });

  it('reads a file that shrank since the walk', () => {
    const read = createFileReader().read(write('shrunk.txt', 'abc'), 1000);
    assert.equal(read.length, 3);
  });

  it('asks for one read per file of the walk’s size (none to confirm the end), more for one that grew or shrank', () => {
    const small = write('one-read.txt', 'x'.repeat(100));
    const grown = write('grown-read.txt', 'x'.repeat(100));
    const shrunk = write('shrunk-read.txt', 'x'.repeat(100));
    const reads = mock.method(fs, 'readSync');
    syncBuiltinESMExports();
    try {
      const reader = createFileReader();
      const counts = ([[small, 100], [grown, 50], [shrunk, 200]] as const).map(([path, size]) => {
        const before = reads.mock.callCount();
        const { length } = reader.read(path, size);
        return [length, reads.mock.callCount() - before];
      });
      assert.deepEqual(counts, [[100, 1], [100, 2], [100, 2]]);
    } finally {
      reads.mock.restore();
      syncBuiltinESMExports();
    }
  });

  it('throws for a missing file, with the path in the message', () => {
    assert.throws(() => createFileReader().read(join(dir, 'missing.txt'), 1), /ENOENT.*missing\.txt/);
  });
});

describe('decodeBytes', () => {
  const samples: readonly [string, Buffer][] = [
    ['ASCII', Buffer.from('const a = "x";\n')],
    ['empty', Buffer.alloc(0)],
    ['UTF-8', Buffer.from('caf\u00e9 \u2603 \u{1f600}')],
    ['a byte-order mark', Buffer.from('\ufeffkey=value')],
    ['two byte-order marks', Buffer.from('\ufeff\ufeffx')],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28, 0xe2, 0x82, 0x62, 0xff, 0xfe, 0x00, 0x63])],
    ['a truncated sequence at the end', Buffer.from([0x61, 0xf0, 0x9f, 0x98])],
    ['Latin-1 high bytes', Buffer.from([0x63, 0x61, 0x66, 0xe9])],
  ];
  for (const [name, bytes] of samples) {
    it(`decodes ${name} as decodeText does`, () => {
      assert.equal(decodeBytes(bytes, bytes.length), decodeText(bytes));
    });
  }

  it('keeps nothing from one file to the next (a truncated sequence does not carry over)', () => {
    const truncated = Buffer.from([0x61, 0xf0, 0x9f, 0x98]);
    const next = Buffer.from([0x98, 0x80, 0x62]);
    assert.equal(decodeBytes(truncated, truncated.length), decodeText(truncated));
    assert.equal(decodeBytes(next, next.length), decodeText(next));
  });

  it('decodes only the given length of a larger buffer', () => {
    const buffer = Buffer.from('hello\u00e9 world');
    assert.equal(decodeBytes(buffer, 5), 'hello');
    assert.equal(decodeBytes(buffer, 7), 'hello\u00e9');
  });
});
