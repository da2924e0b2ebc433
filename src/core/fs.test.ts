import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeText, readHead, writeFileAtomic } from './fs.ts';

describe('file helpers', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-fs-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('writes atomically, creating folders, leaving no temporary file', async () => {
    const path = join(dir, 'out', 'report.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    assert.equal(await readFile(path, 'utf8'), 'second');
    assert.deepEqual(await readdir(join(dir, 'out')), ['report.json']);
  });

  it('keeps the old file and removes the temporary one when the rename fails', async () => {
    const target = join(dir, 'is-a-dir');
    await writeFileAtomic(join(target, 'inner'), 'x');
    await assert.rejects(writeFileAtomic(target, 'data'));
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('writes into a device or a FIFO in place instead of renaming a file over it', async (t) => {
    await writeFileAtomic('/dev/null', 'discarded');
    assert.ok((await stat('/dev/null')).isCharacterDevice(), '/dev/null is still a device');
    const fifo = join(dir, 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.error !== undefined || made.status !== 0) {
      t.skip('needs mkfifo (coreutils)');
      return;
    }
    const reader = readFile(fifo, 'utf8');
    await writeFileAtomic(fifo, 'through the pipe');
    assert.equal(await reader, 'through the pipe');
    assert.ok((await stat(fifo)).isFIFO());
  });

  it('writes pieces of text as the bytes of each piece encoded on its own, across and beyond its buffer', async () => {
    const pieces = [
      ...Array.from({ length: 300 }, (_, index) => `{"n": ${index}, "text": "${'x'.repeat(index * 37)}"}\n`),
      'a two-byte piece: \u2026 and \u00e9\n',
      'half a pair: \ud83d',
      '\ude00 and a lone one \udc00\n',
      '\u2026'.repeat(400_000),
      'y'.repeat(1_048_576),
      '',
      'last\n',
    ];
    const expected = Buffer.concat(pieces.map((piece) => Buffer.from(piece)));
    const path = join(dir, 'pieces.json');
    await writeFileAtomic(path, pieces);
    assert.ok((await readFile(path)).equals(expected));
    await writeFileAtomic(path, (function* () {
      yield* pieces;
    })());
    assert.ok((await readFile(path)).equals(expected));
    await writeFileAtomic(path, []);
    assert.equal((await readFile(path)).length, 0);
  });

  it('keeps the old file when the pieces fail half-way, and leaves no temporary file', async () => {
    const path = join(dir, 'failing', 'report.json');
    await writeFileAtomic(path, 'old');
    const failing = function* (): Generator<string> {
      yield 'x'.repeat(2_000_000);
      throw new Error('the reporter failed');
    };
    await assert.rejects(writeFileAtomic(path, failing()), /the reporter failed/);
    assert.equal(await readFile(path, 'utf8'), 'old');
    assert.deepEqual(await readdir(join(dir, 'failing')), ['report.json']);
  });

  it('never writes through an entry that holds a temporary name (a symbolic link to another file)', async () => {
    const folder = join(dir, 'guarded');
    await mkdir(folder);
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'untouched');
    // Every name this process's next temporary files can take before these tests end.
    for (let n = 1; n <= 40; n += 1) await symlink(victim, join(folder, `.report.json.${process.pid}.${n}.tmp`));
    await writeFileAtomic(join(folder, 'report.json'), 'the report');
    assert.equal(await readFile(victim, 'utf8'), 'untouched');
    assert.equal(await readFile(join(folder, 'report.json'), 'utf8'), 'the report');
    assert.equal((await readdir(folder)).filter((name) => name.endsWith('.tmp')).length, 40);
  });

  it('reads the head of a file, and nothing of a missing one', async () => {
    await writeFile(join(dir, 'big.yaml'), 'a'.repeat(10_000));
    assert.equal(readHead(join(dir, 'big.yaml')).length, 4096);
    assert.equal(readHead(join(dir, 'missing.yaml')), '');
  });

  it('decodes UTF-8 and drops a byte-order mark', () => {
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x46, 0x52])), 'FR');
    assert.equal(decodeText(new Uint8Array([0xc3, 0xa9])), 'é');
    assert.equal(decodeText(new Uint8Array([0xff, 0x41])), '\ufffdA');
  });
});
