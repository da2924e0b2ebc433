import type { CliIo } from './io.ts';

const DELAY_MS = 1000;
const INTERVAL_MS = 200;

/**
 * Progress on stderr for scans that take more than a second; silent when stderr is not a
 * terminal or with --quiet. `stop()` clears the line.
 */
export function startProgress(io: CliIo, quiet: boolean): { update(filesSeen: number): void; stop(): void } {
  if (quiet || io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let filesSeen = 0;
  let shown = false;
  const draw = (): void => {
    shown = true;
    io.stderr.write(`\r\u001b[2Kscanning… ${filesSeen} files`);
  };
  let interval: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, INTERVAL_MS);
    interval.unref();
  }, DELAY_MS);
  delay.unref();
  return {
    update: (seen) => {
      filesSeen = seen;
    },
    stop: () => {
      clearTimeout(delay);
      if (interval !== undefined) clearInterval(interval);
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
