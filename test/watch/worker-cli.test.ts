// `palisade worker` argument handling (the queue itself is exercised in queue.test.ts and cli-queue.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io.ts';
import { WORKER_HELP, workerCommand } from '../../src/cli/worker.ts';

function memoryIo(): CliIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {}, out: () => stdout };
}

describe('palisade worker', () => {
  it('prints its help', async () => {
    const io = memoryIo();
    assert.equal(await workerCommand(['--help'], io), 0);
    assert.equal(io.out(), WORKER_HELP);
  });

  const refused: [string, string[], RegExp][] = [
    ['no queue', ['--store', 'watch.db'], /^palisade worker needs --queue redis:\/\/host:port \(or a --config with queue:\)$/],
    ['no store', ['--queue', 'redis://127.0.0.1:6379'], /^palisade worker needs --store LOCATION \(or a --config with store:\)$/],
    ['a queue that is not Redis', ['--queue', 'amqp://127.0.0.1', '--store', ':memory:'], /^--queue expects redis:\/\/host:port\[\/db\] \(got "amqp:\/\/127\.0\.0\.1"\)$/],
    ['a concurrency of 0', ['--queue', 'redis://127.0.0.1:6379', '--store', ':memory:', '--concurrency', '0'], /^--concurrency expects a whole number from 1 to 10000 \(got "0"\)$/],
    ['fractional lock seconds', ['--queue', 'redis://127.0.0.1:6379', '--store', ':memory:', '--lock-seconds', '1.5'], /^--lock-seconds expects a whole number from 1 to 10000 \(got "1\.5"\)$/],
    ['an argument', ['jobs'], /^palisade worker takes no arguments \(got "jobs"\)$/],
    ['an unknown option', ['--queues', 'redis://x'], /Unknown option '--queues'/],
  ];
  for (const [name, args, message] of refused) {
    it(`refuses ${name} (exit 2)`, async () => {
      await assert.rejects(workerCommand(args, memoryIo()), (error: Error & { code?: string }) => error.code === 'USAGE' && message.test(error.message));
    });
  }
});
