/**
 * How V8 compiles and collects garbage during a scan. By default Maglev, V8's middle tier, compiles a
 * function once it has been called 400 times. A scan of a few hundred files calls most of its
 * functions a few hundred to a few thousand times, so many of those compiles cost more than they
 * save; in a long scan they pay off. A scan therefore starts with Maglev at 1,600 calls and returns to
 * V8's default once it has seen 500 files. Measured on the installed CLI
 * (docs/decisions/0039-lead-maglev-later-in-short-scans.md): 308 Dockerfiles −5% CPU,
 * `examples/insecure-app` −4%, the 219 corpus manifests −3%; a scan of 4,541 manifest files +2%.
 *
 * A short scan that runs no text (secret) rules also goes without TurboFan and without the garbage
 * collector's helper threads until then: its heap stays small and few functions run hot long enough
 * for an optimising compile to pay off, while the helper threads and the compiles on background
 * threads cost CPU time (308 Dockerfiles about −3 to −6% CPU, 10,017 Kubernetes objects −4%;
 * docs/decisions/0041-lead-short-scans-without-turbofan-and-gc-helpers.md). A text scan keeps both: it
 * allocates much more (a 23 MB secret scan took 21% longer in wall time on one GC thread).
 *
 * Only the launcher (bin/palisade.js) passes `setV8Flag`, for the commands it puts in efficiency mode:
 * the flags are the process's, and a library caller's or a test's process is not ours to tune. The
 * launcher knows every flag set here and what to return it to while a chunk of the bundle loads.
 */
export const SHORT_SCAN_MAGLEV_CALLS = 1600;
/** V8's own `--invocation-count-for-maglev` (V8 13, Node 24). */
export const DEFAULT_MAGLEV_CALLS = 400;
/** From this many files on, a scan counts as long. */
export const LONG_SCAN_FILES = 500;

/** Set while a short scan runs no text rules, in this order; their opposites (`LONG_SCAN_FLAGS`) undo them. */
export const LEAN_SCAN_FLAGS: readonly string[] = ['--no-turbofan', '--single-threaded-gc-in-background'];
/** What the launcher runs every command with (`--turbofan` is V8's default). */
export const LONG_SCAN_FLAGS: readonly string[] = ['--turbofan', '--no-single-threaded-gc-in-background'];

export interface ScanTiering {
  /** Called with the number of files the scan has seen so far. */
  readonly update: (filesSeen: number) => void;
  /** Called once the scan knows its rules, before it reads a file. */
  readonly settled: (settled: { readonly textScan: boolean }) => void;
}

export function startScanTiering(setV8Flag: ((flag: string) => void) | undefined): ScanTiering {
  if (setV8Flag === undefined) return { update: () => undefined, settled: () => undefined };
  setV8Flag(`--invocation-count-for-maglev=${SHORT_SCAN_MAGLEV_CALLS}`);
  let long = false;
  let lean = false;
  return {
    update: (filesSeen) => {
      if (long || filesSeen < LONG_SCAN_FILES) return;
      long = true;
      setV8Flag(`--invocation-count-for-maglev=${DEFAULT_MAGLEV_CALLS}`);
      if (lean) for (const flag of LONG_SCAN_FLAGS) setV8Flag(flag);
    },
    settled: ({ textScan }) => {
      if (long || lean || textScan) return;
      lean = true;
      for (const flag of LEAN_SCAN_FLAGS) setV8Flag(flag);
    },
  };
}
