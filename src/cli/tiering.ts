/**
 * When V8's middle tier, Maglev, compiles a scan's functions. By default it compiles a function once
 * it has been called 400 times. A scan of a few hundred files calls most of its functions a few
 * hundred to a few thousand times, so many of those compiles cost more than they save; in a long scan
 * they pay off. A scan therefore starts with Maglev at 1,600 calls and returns to V8's default once it
 * has seen 500 files. Measured on the installed CLI (docs/decisions/0039-lead-maglev-later-in-short-scans.md):
 * 308 Dockerfiles −5% CPU, `examples/insecure-app` −4%, the 219 corpus manifests −3%; a scan of 4,541
 * manifest files +2%.
 *
 * Only the launcher (bin/palisade.js) passes `setV8Flag`, for the commands it puts in efficiency mode:
 * the flags are the process's, and a library caller's or a test's process is not ours to tune.
 */
export const SHORT_SCAN_MAGLEV_CALLS = 1600;
/** V8's own `--invocation-count-for-maglev` (V8 13, Node 24). */
export const DEFAULT_MAGLEV_CALLS = 400;
/** From this many files on, a scan counts as long. */
export const LONG_SCAN_FILES = 500;

export interface ScanTiering {
  /** Called with the number of files the scan has seen so far. */
  readonly update: (filesSeen: number) => void;
}

export function startScanTiering(setV8Flag: ((flag: string) => void) | undefined): ScanTiering {
  if (setV8Flag === undefined) return { update: () => undefined };
  setV8Flag(`--invocation-count-for-maglev=${SHORT_SCAN_MAGLEV_CALLS}`);
  let long = false;
  return {
    update: (filesSeen) => {
      if (long || filesSeen < LONG_SCAN_FILES) return;
      long = true;
      setV8Flag(`--invocation-count-for-maglev=${DEFAULT_MAGLEV_CALLS}`);
    },
  };
}
