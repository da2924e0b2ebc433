import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The absolute path of an executable on the PATH, or undefined. */
export function findOnPath(name: string, path: string | undefined = process.env['PATH']): string | undefined {
  for (const directory of (path ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export type ToolResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly reason: string };

/** At most this much output is read from a renderer (a chart that renders gigabytes is refused). */
const MAX_OUTPUT = 256 * 1024 * 1024;
export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/** Runs a renderer with a timeout; a failure is the first line of its standard error (or why it did not run). */
export function runTool(file: string, args: readonly string[], options: { readonly cwd: string; readonly timeoutMs: number }): ToolResult {
  const result = spawnSync(file, args, { cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs, maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error !== undefined) {
    const timedOut = 'code' in result.error && result.error.code === 'ETIMEDOUT';
    return { ok: false, reason: timedOut ? `timed out after ${options.timeoutMs} ms` : result.error.message };
  }
  if (result.status !== 0) {
    const line = firstLine(result.stderr) || `exit code ${result.status ?? result.signal ?? '?'}`;
    return { ok: false, reason: line };
  }
  return { ok: true, stdout: result.stdout };
}

/** The first non-empty line of standard error, without a klog prefix; long lines keep their start and their (most specific) end. */
function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const message = line.trim().replace(KLOG_PREFIX, '').replace(/^"command failed" err="(.*)"$/, '$1');
  return message.length > 400 ? `${message.slice(0, 150)}…${message.slice(-249)}` : message;
}

/** `E1127 10:54:03.435703    2792 run.go:72] ` */
const KLOG_PREFIX = /^[EWIF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] /;
