import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from './io.ts';
import { startProgress } from './progress.ts';

function ioWith(isTTY: boolean): { io: CliIo; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) };
  return { io: { stdout: stream, stderr: stream, env: {} }, written };
}

describe('progress', () => {
  it('stays silent during the first second, then draws at most every 200 ms, and clears at the end', () => {
    const { io, written } = ioWith(true);
    let clock = 0;
    const progress = startProgress(io, false, () => clock);
    clock = 900;
    progress.update(10);
    clock = 1000;
    progress.update(20);
    clock = 1100;
    progress.update(30);
    clock = 1250;
    progress.update(40);
    progress.stop();
    assert.deepEqual(written, ['\r\u001b[2Kscanning… 20 files', '\r\u001b[2Kscanning… 40 files', '\r\u001b[2K']);
  });

  it('writes nothing when stderr is not a terminal, or with --quiet, or for a fast scan', () => {
    for (const [isTTY, quiet, end] of [[false, false, 5000], [true, true, 5000], [true, false, 500]] as const) {
      const { io, written } = ioWith(isTTY);
      let clock = 0;
      const progress = startProgress(io, quiet, () => clock);
      clock = end;
      progress.update(1);
      progress.stop();
      assert.deepEqual(written, []);
    }
  });
});
