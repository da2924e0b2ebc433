import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { constants, zstdCompressSync } from 'node:zlib';
import { layerOf, memoryLayer, tarOf } from '../scan/__fixtures__/memory-image.ts';
import { decompressedChunks } from './compression.ts';
import { readLayer } from './layer-reader.ts';

const ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';

/** Every decompressed byte of `blob` fed in pieces of `size` bytes (so headers straddle pieces). */
async function inflate(blob: Buffer, size = 7): Promise<string> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < blob.length; offset += size) pieces.push(blob.subarray(offset, offset + size));
  const out: Buffer[] = [];
  for await (const chunk of decompressedChunks(Readable.from(pieces), ZSTD)) out.push(chunk);
  return Buffer.concat(out).toString('utf8');
}

function skippable(data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a53, 0);
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data]);
}

const withChecksum = (text: string): Buffer => zstdCompressSync(Buffer.from(text), { params: { [constants.ZSTD_c_checksumFlag]: 1 } });

describe('zstd streams of several frames', () => {
  const cases: readonly [string, Buffer, string][] = [
    ['one frame', zstdCompressSync(Buffer.from('alpha')), 'alpha'],
    ['three frames (Node alone reads only the first)', Buffer.concat([zstdCompressSync(Buffer.from('alpha ')), zstdCompressSync(Buffer.from('beta ')), zstdCompressSync(Buffer.from('gamma'))]), 'alpha beta gamma'],
    ['frames with checksums and a skippable frame between them', Buffer.concat([withChecksum('one '), skippable(Buffer.from('zstd:chunked manifest')), withChecksum('two')]), 'one two'],
    ['an empty skippable frame first', Buffer.concat([skippable(Buffer.alloc(0)), zstdCompressSync(Buffer.from('x'))]), 'x'],
    ['trailing bytes that are no frame are ignored, as zstd does', Buffer.concat([zstdCompressSync(Buffer.from('kept')), Buffer.alloc(64)]), 'kept'],
    ['a large frame of several blocks', zstdCompressSync(Buffer.from('0123456789'.repeat(50_000))), '0123456789'.repeat(50_000)],
  ];
  for (const [name, blob, expected] of cases) it(name, async () => assert.equal(await inflate(blob), expected));

  const broken: readonly [string, Buffer, string][] = [
    ['a frame cut short', zstdCompressSync(Buffer.from('0123456789'.repeat(1000))).subarray(0, 20), 'the zstd stream ends inside a frame'],
    ['a skippable frame that claims 4 GiB', Buffer.concat([zstdCompressSync(Buffer.from('a')), Buffer.from([0x50, 0x2a, 0x4d, 0x18, 0xff, 0xff, 0xff, 0xff]), Buffer.alloc(10)]), 'the zstd stream ends inside a frame'],
    ['a reserved block type', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38, 0x07, 0x00, 0x00]), 'reserved zstd block type'],
  ];
  for (const [name, blob, message] of broken) it(`fails on ${name}`, async () => assert.rejects(inflate(blob), { message }));

  it('reads a layer whose tar is cut into many frames (zstd:chunked style) to its end', async () => {
    const entries = Array.from({ length: 12 }, (_, index) => ({ name: `app/file-${index}.txt`, content: `content ${index}\n`.repeat(40) }));
    const tar = await tarOf(entries);
    const frames: Buffer[] = [];
    for (let offset = 0; offset < tar.length; offset += 1000) frames.push(zstdCompressSync(tar.subarray(offset, offset + 1000)));
    const layer = memoryLayer(Buffer.concat(frames), ZSTD, 300);
    const read = new Map<string, number>();
    const result = await readLayer(layer, { wants: () => true, content: (entry, bytes) => void read.set(entry.path, bytes.length) }, { label: 'img', maxContentBytes: 1 << 20 });
    assert.deepEqual([result.failure, result.entries.length, read.size, result.decompressedBytes], [undefined, 12, 12, tar.length]);
    assert.equal(read.get('app/file-11.txt'), 'content 11\n'.length * 40);
    const single = await readLayer(await layerOf(entries, 'zstd'), { wants: () => false, content: () => undefined }, { label: 'img', maxContentBytes: 1 << 20 });
    assert.deepEqual(single.entries, result.entries);
  });
});
