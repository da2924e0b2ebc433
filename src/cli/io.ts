/** Where a command writes; tests pass in-memory streams. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Sets one of the process's V8 flags; only the launcher passes it (src/cli/tiering.ts). */
  readonly setV8Flag?: (flag: string) => void;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Colour on when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR forces it. */
export function wantsColor(io: CliIo, toFile: boolean): boolean {
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  if (toFile || io.env['NO_COLOR'] !== undefined) return false;
  return io.stdout.isTTY === true;
}
