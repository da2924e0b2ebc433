import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { bombLayer, layerOf, memoryLayer, tarOf } from '../scan/__fixtures__/memory-image.ts';
import type { LayerEntry } from './entry.ts';
import type { LayerVisitor } from './layer-reader.ts';
import { SNIFF_BYTES, readLayer } from './layer-reader.ts';
import { detectCompression } from './compression.ts';

/** Reads every file whose name ends in `.txt` and records the heads it was shown. */
function recorder(): LayerVisitor & { readonly read: Map<string, string>; readonly heads: Map<string, number> } {
  const read = new Map<string, string>();
  const heads = new Map<string, number>();
  return {
    read,
    heads,
    wants(entry, head) {
      heads.set(entry.path, head.length);
      return entry.path.endsWith('.txt');
    },
    content(entry, bytes) {
      read.set(entry.path, bytes.toString('utf8'));
    },
  };
}

const OPTIONS = { label: 'img@sha256:layer', maxContentBytes: 1 << 20 };
const MiB = 1024 * 1024;

describe('readLayer', () => {
  for (const compression of ['gzip', 'zstd', 'none'] as const) {
    it(`reads a ${compression} layer entry by entry`, async () => {
      const layer = await layerOf([{ name: 'etc/', type: 'directory' }, { name: 'etc/a.txt', content: 'alpha' }, { name: 'etc/b.bin', content: 'beta' }, { name: 'etc/l', type: 'symlink', linkname: '/etc/a.txt' }], compression);
      const visitor = recorder();
      const result = await readLayer(layer, visitor, OPTIONS);
      assert.equal(result.failure, undefined);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.entries, [
        { path: 'etc', type: 'directory', size: 0 },
        { path: 'etc/a.txt', type: 'file', size: 5 },
        { path: 'etc/b.bin', type: 'file', size: 4 },
        { path: 'etc/l', type: 'symlink', size: 0, target: '/etc/a.txt' },
      ]);
      assert.deepEqual([...visitor.read], [['etc/a.txt', 'alpha']]);
    });
  }

  it('records whiteouts and opaque markers as such', async () => {
    const layer = await layerOf([{ name: 'etc/.wh.shadow' }, { name: 'var/cache/.wh..wh..opq' }, { name: '.wh..wh.plnk/1' }]);
    const result = await readLayer(layer, recorder(), OPTIONS);
    assert.deepEqual(result.entries, [
      { path: 'etc/shadow', type: 'whiteout', size: 0 },
      { path: 'var/cache', type: 'opaque', size: 0 },
      { path: '.wh..wh.plnk/1', type: 'file', size: 0 },
    ]);
  });

  it('ignores and reports entries that climb out of the root; roots absolute names', async () => {
    const layer = await layerOf([
      { name: '../../etc/passwd', content: 'x' },
      { name: '/etc/hosts.txt', content: 'rooted' },
      { name: 'ok/../../escape.txt', content: 'x' },
      { name: 'hl', type: 'link', linkname: '../../outside' },
      { name: 'abs-link', type: 'symlink', linkname: '/../../etc/shadow' },
    ]);
    const visitor = recorder();
    const result = await readLayer(layer, visitor, OPTIONS);
    assert.deepEqual(result.entries, [
      { path: 'etc/hosts.txt', type: 'file', size: 6 },
      { path: 'abs-link', type: 'symlink', size: 0, target: '/../../etc/shadow' },
    ]);
    assert.deepEqual([...visitor.read], [['etc/hosts.txt', 'rooted']]);
    assert.deepEqual(result.problems.map((problem) => problem.message), [
      'Entry "../../etc/passwd" climbs out of the image root; ignored',
      'Entry "ok/../../escape.txt" climbs out of the image root; ignored',
      'Hard link "hl" points out of the image root ("../../outside"); ignored',
    ]);
    assert.ok(result.problems.every((problem) => problem.code === 'IMAGE_INVALID' && problem.path === 'img@sha256:layer'));
  });

  it('reports at most 20 escaping entries and counts the rest', async () => {
    const layer = await layerOf(Array.from({ length: 25 }, (_value, index) => ({ name: `../x${index}` })));
    const result = await readLayer(layer, recorder(), OPTIONS);
    assert.equal(result.problems.length, 21);
    assert.equal(result.problems.at(-1)?.message, '5 more entries escaping the image root were ignored');
  });

  it('keeps hard links with their normalised target and long (PAX/GNU) names', async () => {
    const long = `${'deep/'.repeat(40)}file.txt`;
    const layer = await layerOf([{ name: long, content: 'long name' }, { name: 'hard.txt', type: 'link', linkname: `./${long}` }]);
    const visitor = recorder();
    const result = await readLayer(layer, visitor, OPTIONS);
    assert.deepEqual(result.entries, [
      { path: long, type: 'file', size: 9 },
      { path: 'hard.txt', type: 'hardlink', size: 0, target: long },
    ]);
    assert.deepEqual([...visitor.read.keys()], [long]);
  });

  it('shows the visitor at most the first 4 KiB and skips files over the content limit', async () => {
    const big = 'x'.repeat(SNIFF_BYTES * 3);
    const layer = await layerOf([{ name: 'big.txt', content: big }, { name: 'small.txt', content: 'tiny' }]);
    const visitor = recorder();
    const result = await readLayer(layer, visitor, { label: 'l', maxContentBytes: SNIFF_BYTES });
    assert.equal(result.failure, undefined);
    assert.deepEqual(Object.fromEntries(visitor.heads), { 'big.txt': SNIFF_BYTES, 'small.txt': 4 });
    assert.deepEqual([...visitor.read.keys()], ['small.txt']);
  });

  it('reports a truncated gzip layer as IMAGE_INVALID naming the layer, keeping the entries read before', async () => {
    const padding = Buffer.alloc(64 * 1024, 7).toString('base64');
    const tar = await tarOf([{ name: 'first.txt', content: 'one' }, { name: 'second.txt', content: padding }, { name: 'third.txt', content: padding }]);
    const gzipped = gzipSync(tar, { level: 0 });
    const layer = memoryLayer(gzipped.subarray(0, Math.floor(gzipped.length * 0.6)), 'application/vnd.oci.image.layer.v1.tar+gzip');
    const result = await readLayer(layer, recorder(), { label: 'img@' + layer.digest, maxContentBytes: 1 << 20 });
    assert.equal(result.failure?.code, 'IMAGE_INVALID');
    assert.equal(result.failure?.path, `img@${layer.digest}`);
    assert.match(result.failure?.message ?? '', new RegExp(`^Layer ${layer.digest} could not be read to its end \\(\\d entries read\\): `));
    assert.equal(result.entries[0]?.path, 'first.txt');
  });

  it('releases the source stream when a layer turns out corrupt', async () => {
    const tar = await tarOf([{ name: 'a.txt', content: Buffer.alloc(200_000, 1).toString('base64') }]);
    const gzipped = gzipSync(tar);
    const corrupt = Buffer.concat([gzipped.subarray(0, 100), Buffer.alloc(8_000_000, 0x55)]);
    const streams: Readable[] = [];
    const base = memoryLayer(corrupt, 'application/vnd.oci.image.layer.v1.tar+gzip');
    const layer = { ...base, open: async () => { const stream = await base.open(); streams.push(stream); return stream; } };
    const result = await readLayer(layer, recorder(), OPTIONS);
    assert.equal(result.failure?.code, 'IMAGE_INVALID');
    assert.equal(streams[0]?.destroyed, true);
  });

  for (const compression of ['gzip', 'zstd'] as const) {
    it(`stops a ${compression} bomb (1 GiB from a few KB) at the decompressed limit, names it and releases the blob`, async () => {
      const bomb = bombLayer(compression, 1024);
      assert.ok(bomb.size < 1_200_000, `${bomb.size} compressed bytes`);
      const streams: Readable[] = [];
      const layer = { ...bomb, open: async () => { const stream = await bomb.open(); streams.push(stream); return stream; } };
      const result = await readLayer(layer, recorder(), { ...OPTIONS, decompressedLimit: { bytes: 4 * MiB, name: 'the limit per layer, maxLayerBytes' } });
      assert.deepEqual(result.failure, { path: OPTIONS.label, code: 'FILE_TOO_LARGE', message: `Layer ${layer.digest} decompresses to more than 4194304 bytes (the limit per layer, maxLayerBytes); reading stopped after 1 entry, the rest of the layer is not scanned` });
      assert.deepEqual(result.entries, [{ path: 'bomb.bin', type: 'file', size: 1024 * MiB }]);
      // Stopped within one decompressor chunk (256 KiB) of the limit, not at the end of the gigabyte.
      assert.ok(result.decompressedBytes > 4 * MiB && result.decompressedBytes <= 4 * MiB + 256 * 1024, String(result.decompressedBytes));
      assert.equal(streams[0]?.destroyed, true);
    });
  }

  it('reads a layer whose decompressed size is exactly its limit, and counts its bytes', async () => {
    const entries = [{ name: 'a.txt', content: 'alpha' }, { name: 'pad.bin', content: Buffer.alloc(300_000) }];
    const tar = await tarOf(entries);
    const layer = await layerOf(entries, 'zstd');
    const exact = await readLayer(layer, recorder(), { ...OPTIONS, decompressedLimit: { bytes: tar.length, name: 'test' } });
    assert.deepEqual([exact.failure, exact.decompressedBytes, exact.entries.length], [undefined, tar.length, 2]);
    const under = await readLayer(layer, recorder(), { ...OPTIONS, decompressedLimit: { bytes: tar.length - 1, name: 'test' } });
    assert.equal(under.failure?.code, 'FILE_TOO_LARGE');
    const unlimited = await readLayer(layer, recorder(), OPTIONS);
    assert.deepEqual([unlimited.failure, unlimited.decompressedBytes], [undefined, tar.length]);
  });

  it('reports a blob that is not a tar at all', async () => {
    const layer = memoryLayer(Buffer.from('this is not a tar archive, just some text that is long enough'.repeat(20)), 'application/vnd.oci.image.layer.v1.tar');
    const result = await readLayer(layer, recorder(), OPTIONS);
    assert.equal(result.failure?.code, 'IMAGE_INVALID');
    assert.deepEqual(result.entries, []);
  });

  it('reports a blob whose stream fails (digest mismatch from the source)', async () => {
    const layer = { ...(await layerOf([{ name: 'a.txt', content: 'a' }])), open: () => Promise.reject(new Error('digest mismatch')) };
    const result = await readLayer(layer, recorder(), OPTIONS);
    assert.match(result.failure?.message ?? '', /digest mismatch$/);
  });

  it('reads an empty blob as an empty layer', async () => {
    const empty = memoryLayer(Buffer.alloc(0), 'application/vnd.oci.image.layer.v1.tar');
    const result = await readLayer(empty, recorder(), OPTIONS);
    assert.deepEqual(result.entries, []);
    assert.equal(result.failure, undefined);
  });
});

describe('detectCompression', () => {
  it('trusts magic bytes over the media type', () => {
    assert.equal(detectCompression(Buffer.from([0x1f, 0x8b, 8, 0]), 'application/vnd.docker.image.rootfs.diff.tar'), 'gzip');
    assert.equal(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 'application/vnd.oci.image.layer.v1.tar+gzip'), 'zstd');
    assert.equal(detectCompression(Buffer.from('ustar'), 'application/vnd.oci.image.layer.v1.tar+gzip'), 'none');
    assert.equal(detectCompression(Buffer.alloc(0), 'application/vnd.oci.image.layer.v1.tar+zstd'), 'zstd');
  });
});

