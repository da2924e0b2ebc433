#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size=16: a young generation of 16 MB from the start, so objects that live through
// a file's analysis are not copied again and again (10,000 manifests: peak 368 → 245 MB, 5–20% less CPU).
// No other V8 flag on this line: a flag that V8 counts in its flag hash (this one it does not) makes
// Node reject the code cache built into it for its own modules, so that node:v8, streams, crypto and
// fs/promises are compiled from source at every start (decision 0037-c-start-up-chunks-and-built-ins:
// dropping --liftoff-only from here and setting the flags below after the CLI's modules have loaded
// took a one-Dockerfile scan from 373 to 283 M instructions).
// Below, once the CLI's modules (and the built-ins they import) are loaded, V8's efficiency-mode
// tiering (`V8_FLAGS`): a function goes to TurboFan only after 3,000 calls, and Sparkplug and Maglev
// OSR compile on the main thread instead of background threads. Most functions of a scan run too few
// times for the optimising compiles V8 would start to pay off: CPU time of 308 Dockerfiles −20%,
// 2,000 Kubernetes objects −20%, 36 MB of text for secrets no change
// (docs/decisions/0035-a-v8-efficiency-mode.md). The garbage collector keeps
// its helper threads (efficiency mode would stop them: the text scan then took 15% longer).
// They are set at run time, not in this line, because Node refuses to start on a V8 flag its V8 does
// not know: they exist in V8 13 (Node 24), not in V8 11 (Node 20). V8 reads them when it decides to
// tier a function up, so code loaded before them is tiered by them all the same.
// Then `WASM_FLAGS`, for every command: WebAssembly stays at its baseline tier (Liftoff), as
// --liftoff-only on this line did (its implications are not applied at run time, so its two parts are
// named). The shell grammar's runtime (tree-sitter, started only for a RUN the common parser refuses)
// is large, and tiering it up took about 2 s that the process then waited for at exit: a scan of such
// a Dockerfile takes 0.34 s with them, 2.6–3.0 s without.
// Launcher: in a checkout Node runs the TypeScript sources directly (type stripping);
// an installed package runs the compiled dist/ (Node does not strip types under node_modules):
// its bundle (dist/bundle/, written by scripts/bundle.ts: a few large modules load much faster than
// about 185 small ones), or dist/cli/ when a build made no bundle.
// package.json's engines: an older Node would stop later on an obscure error (a built-in it lacks, a
// file extension it cannot load), so say what is needed instead. Exit code 2: a set-up error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`palisade: needs Node.js 22.13 or later; this is Node.js ${process.versions.node}\n`);
  process.exit(2);
}
// Built-ins through process.getBuiltinModule(), not `import`: importing node:fs builds its ES module
// facade, which reads every export and so loads fs/promises, streams and more that a command may not
// need (so does the bundle: docs/decisions/0036-a-builtins-without-facades.md).
const module = process.getBuiltinModule('node:module');
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const v8 = process.getBuiltinModule('node:v8');

const WASM_FLAGS = ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
const V8_FLAGS = ['--efficiency-mode', '--efficiency-mode-delay-turbofan=3000', '--no-single-threaded-gc-in-background'];
/** V8's own values (V8 13) of the flags a command may set (src/cli/tiering.ts) that `V8_FLAGS` does not set. */
const V8_DEFAULTS = ['--invocation-count-for-maglev=400', '--turbofan'];
/** `--no-turbofan` → `turbofan`, `--invocation-count-for-maglev=1600` → `invocation-count-for-maglev`. */
const flagName = (flag) => flag.replace(/^--(?:no-)?/, '').split('=')[0];
/**
 * The flags a command may set for a while, by name, each as every chunk of the bundle loads under it:
 * the launcher's own value (`V8_FLAGS`), else V8's.
 */
const LOAD_FLAGS = new Map([...V8_DEFAULTS, ...V8_FLAGS].map((flag) => [flagName(flag), flag]));

const args = process.argv.slice(2);
// A reader that stops early (`palisade scan . | head`) closes the pipe: end quietly, as other CLIs do,
// instead of an unhandled EPIPE error and a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Fast path: answering the version loads no TypeScript at all.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Not for the long-running servers (`watch`, `worker`, `admission serve`): they run the same code for
  // hours, where optimised code pays off and delaying it raised the webhook's allocation per decision
  // from 332 to 460 KB (docs/decisions/0035-e-admission-gc-pauses.md).
  const server = args[0] === 'watch' || args[0] === 'worker' || (args[0] === 'admission' && args[1] === 'serve');
  // Caches compiled (and type-stripped) modules between runs: start-up drops by about 100 ms.
  module.enableCompileCache?.();
  const fromPackage = fileURLToPath(import.meta.url).includes('/node_modules/');
  const bundled = new URL('../dist/bundle/main.js', import.meta.url);
  // Each of the bundle's chunks is compiled whole when it loads, not function by function on first
  // call: Node's compile cache keeps only what was compiled with a module, so a later run deserializes
  // those functions instead of compiling them again (a one-Dockerfile scan −17% instructions, the
  // Dockerfile corpus −4%: decision 0040-lead-chunks-compiled-eagerly). `--lazy` counts in the cache's
  // V8 flag hash, so every chunk must load this way in every command: the bundle's dynamic imports
  // call this function (scripts/bundle.ts), and the first chunk loads through it here. Loads that overlap
  // share one window; in between, V8 compiles lazily again. The hash counts every V8 flag that is not
  // at its default, so a command's own flags (a scan's Maglev threshold, TurboFan and GC threads:
  // src/cli/tiering.ts) are at their LOAD_FLAGS values while a chunk loads, and set again after: else a
  // chunk that `scan` and `rules list` both load would be compiled anew by each after the other.
  let eagerLoads = 0;
  /** The command's own flags (`setV8Flag` below) by name, as last set. */
  const commandFlags = new Map();
  const compileEagerly = async (load) => {
    if (eagerLoads++ === 0) {
      v8.setFlagsFromString('--no-lazy');
      for (const name of commandFlags.keys()) v8.setFlagsFromString(LOAD_FLAGS.get(name));
    }
    try {
      return await load();
    } finally {
      if (--eagerLoads === 0) {
        v8.setFlagsFromString('--lazy');
        for (const flag of commandFlags.values()) v8.setFlagsFromString(flag);
      }
    }
  };
  const bundle = fromPackage && existsSync(bundled);
  if (bundle) globalThis[Symbol.for('palisade.compileEagerly')] = compileEagerly;
  const entry = bundle ? bundled.href : fromPackage ? '../dist/cli/main.js' : '../src/cli/main.ts';
  const { run } = bundle ? await compileEagerly(() => import(entry)) : await import(entry);
  // The flags only now (see the top): the CLI's modules import most built-ins a command needs
  // (node:crypto, fs/promises, os…), which then still load with Node's code cache.
  for (const flag of WASM_FLAGS) v8.setFlagsFromString(flag);
  const efficient = !server && Number(process.versions.v8.split('.')[0]) >= 13;
  if (efficient) for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
  // In efficiency mode a command may tune V8 for the work it finds (a scan delays Maglev until it has
  // seen 500 files: src/cli/tiering.ts); the flags are the process's, so only this launcher may. Only
  // the flags of LOAD_FLAGS: each is returned to its value there while a chunk loads (see compileEagerly).
  const setV8Flag = (flag) => {
    const name = flagName(flag);
    if (!LOAD_FLAGS.has(name)) throw new Error(`palisade: the launcher cannot let a command set ${flag}: add its V8 default to V8_DEFAULTS`);
    commandFlags.set(name, flag);
    if (eagerLoads === 0) v8.setFlagsFromString(flag);
  };
  process.exitCode = await run(args, efficient ? { stdout: process.stdout, stderr: process.stderr, env: process.env, setV8Flag } : undefined);
  // Exit now: at a natural exit Node first runs V8's pending tasks, among them the rest of an
  // incremental garbage collection that a long scan has started (the Dockerfile corpus scan: 215 tasks,
  // 46 M instructions, 4% of its CPU; decision 0041-lead-exit-without-draining-gc-tasks).
  // By the time `run` resolves a command has awaited everything it started; 'exit' listeners still run.
  // Node 22 writes the compile cache only at a natural exit, so it is flushed here; and stdout and
  // stderr are drained first (a pipe is written asynchronously on macOS and Windows).
  module.flushCompileCache?.();
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => (stream.writableLength > 0 ? stream.write('', resolve) : resolve()))));
  process.exit();
}
