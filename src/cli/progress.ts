import type { CliIo } from './io.ts';

const DELAY_MS = 1000;
const INTERVAL_MS = 200;

export interface Progress {
  update(filesSeen: number): void;
  stop(): void;
}

/**
 * Progress on stderr for scans that take more than a second; silent when stderr is not a
 * terminal or with --quiet. Drawn from `update` calls (the scan loop is synchronous, so timers
 * would not fire); `stop()` clears the line. `now` is injectable for tests.
 */
export function startProgress(io: CliIo, quiet: boolean, now: () => number = Date.now): Progress {
  if (quiet || io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const started = now();
  let lastDrawn = 0;
  let shown = false;
  return {
    update: (filesSeen) => {
      const time = now();
      if (time - started < DELAY_MS || time - lastDrawn < INTERVAL_MS) return;
      lastDrawn = time;
      shown = true;
      io.stderr.write(`\r\u001b[2Kscanning… ${filesSeen} files`);
    },
    stop: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
