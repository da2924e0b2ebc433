// `palisade worker` for the scale-out tests and the benchmark, until the lead wires the command
// into main.ts: runs workerCommand with one test hook. With PALISADE_TEST_HOLD_MS, a worker holds
// each job for that long after its work is done (alerts recorded) and before BullMQ hears of it,
// and says so on stdout, so a test can kill it exactly there.
import { setTimeout as sleep } from 'node:timers/promises';
import { workerCommand } from '../../src/cli/worker.ts';
import { processIo } from '../../src/cli/io.ts';

const hold = Number(process.env['PALISADE_TEST_HOLD_MS'] ?? '0');
try {
  process.exitCode = await workerCommand(process.argv.slice(2), processIo(), {
    beforeComplete: async (job) => {
      process.stdout.write(`worked ${job.name} ${job.id}\n`);
      if (hold > 0) await sleep(hold);
    },
  });
} catch (error) {
  process.stderr.write(`palisade: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
