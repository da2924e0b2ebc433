import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EMIT_CHUNK, emitParts } from './output.ts';
import type { CliIo } from './io.ts';

const directory = mkdtempSync(join(tmpdir(), 'palisade-output-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function memoryIo(): { io: CliIo; writes: string[] } {
  const writes: string[] = [];
  return { io: { stdout: { write: (text: string) => writes.push(text) }, stderr: { write: () => true }, env: {} }, writes };
}

/** Pieces around the chunk size, with multi-byte characters across chunk boundaries. */
const PIECES: readonly string[] = ['{\n', 'é'.repeat(EMIT_CHUNK - 1), '→ ', 'x'.repeat(EMIT_CHUNK * 2 + 3), '', '😀\n}\n'];

describe('emitParts', () => {
  it('writes the joined text to stdout in chunks, never one piece per write', async () => {
    const { io, writes } = memoryIo();
    await emitParts(PIECES, undefined, io);
    assert.equal(writes.join(''), PIECES.join(''));
    assert.equal(writes.length, 3);
    assert.ok(writes.slice(0, -1).every((chunk) => chunk.length >= EMIT_CHUNK));
  });

  it('writes nothing for no pieces', async () => {
    const { io, writes } = memoryIo();
    await emitParts([], undefined, io);
    assert.deepEqual(writes, []);
  });

  it('writes a file with the same bytes as the joined text, and leaves no temporary file', async () => {
    const path = join(directory, 'nested', 'report.json');
    await emitParts(PIECES, path, memoryIo().io);
    assert.deepEqual(readFileSync(path), Buffer.from(PIECES.join(''), 'utf8'));
    assert.deepEqual(readdirSync(join(directory, 'nested')), ['report.json']);
  });

  it('leaves an existing file untouched and removes the temporary file when a piece fails', async () => {
    const path = join(directory, 'kept.json');
    writeFileSync(path, 'old\n');
    function* failing(): Generator<string> {
      yield 'x'.repeat(EMIT_CHUNK + 1);
      throw new Error('reporter failed');
    }
    await assert.rejects(emitParts(failing(), path, memoryIo().io), { code: 'OUTPUT_FAILED', message: `${path}: reporter failed` });
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(directory).filter((name) => name.startsWith('.kept.json')), []);
  });

  it('writes into /dev/null in place, leaving the device a device', async () => {
    await emitParts(PIECES, '/dev/null', memoryIo().io);
    assert.ok(statSync('/dev/null').isCharacterDevice());
  });

  it('fails with OUTPUT_FAILED naming the path when the directory cannot be created', async () => {
    const blocker = join(directory, 'file');
    writeFileSync(blocker, '');
    await assert.rejects(emitParts(['a'], join(blocker, 'report.json'), memoryIo().io), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(Reflect.get(error, 'code'), 'OUTPUT_FAILED');
      assert.ok(error.message.startsWith(`${join(blocker, 'report.json')}: `));
      return true;
    });
  });
});
