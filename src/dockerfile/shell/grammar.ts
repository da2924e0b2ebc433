import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser, Tree } from 'web-tree-sitter';

/**
 * tree-sitter-bash (WASM) for the scripts the common-subset parser (common-parse.ts) leaves alone:
 * few RUNs, and none in most scans, so nothing of tree-sitter loads before the first script that
 * needs it (decision 0036-a-lazy-shell-grammar-runtime). Its runtime (web-tree-sitter's CommonJS
 * build) then starts in a context of its own whose promise jobs run as soon as a call into it returns
 * (`microtaskMode: 'afterEvaluate'`): its asynchronous `Parser.init()` completes within that
 * synchronous first call; then the bash grammar (1.3 MB of WebAssembly) is compiled. Before, the
 * runtime started when this module was imported, about 30 ms of CPU for every Dockerfile scan.
 */
type TreeSitterModule = typeof TreeSitter;

/** Undefined until first needed; null when the runtime or the grammar failed to load. */
let parser: Parser | null | undefined;

function loadParser(): Parser | null {
  try {
    const require = createRequire(import.meta.url);
    const runtime = startRuntime(require);
    if (runtime === undefined) return null;
    const created = new runtime.Parser();
    created.setLanguage(runtime.Language.loadSync(compileWasm(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')))));
    return created;
  } catch {
    return null;
  }
}

/**
 * web-tree-sitter, initialised, or undefined when it fails to start. Its CommonJS build runs in the
 * new context with what it uses of Node (`require`, `process`, the WebAssembly and text APIs); the
 * WebAssembly runtime is compiled here and handed to it, so that no step waits for I/O.
 */
function startRuntime(require: NodeJS.Require): TreeSitterModule | undefined {
  const file = require.resolve('web-tree-sitter');
  const exported = { exports: {} };
  const state: { ready?: boolean } = {};
  const sandbox = {
    module: exported,
    exports: exported.exports,
    require,
    process,
    console,
    __filename: file,
    __dirname: dirname(file),
    WebAssembly: Reflect.get(globalThis, 'WebAssembly'),
    TextDecoder,
    TextEncoder,
    URL,
    setTimeout,
    clearTimeout,
    performance,
    runtimeWasm: compileWasm(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
    state,
  };
  // node:vm loads here, not with this module: most scans never get this far.
  const { createContext, runInContext } = process.getBuiltinModule('node:vm');
  const context = createContext(sandbox, { microtaskMode: 'afterEvaluate' });
  runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  runInContext(
    'module.exports.Parser.init({ instantiateWasm(imports, receive) { receive(new WebAssembly.Instance(runtimeWasm, imports), runtimeWasm); return {}; } }).then(() => { state.ready = true; });',
    context,
  );
  const runtime: unknown = exported.exports;
  return state.ready === true && isTreeSitter(runtime) ? runtime : undefined;
}

function isTreeSitter(value: unknown): value is TreeSitterModule {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'Parser') === 'function' && typeof Reflect.get(value, 'Language') === 'function';
}

/** `new WebAssembly.Module(bytes)`: synchronous compilation (the project's TypeScript lib has no WebAssembly types). */
function compileWasm(bytes: Uint8Array): Parameters<TreeSitterModule['Language']['loadSync']>[0] {
  const wasm: unknown = Reflect.get(globalThis, 'WebAssembly');
  const WasmModule: unknown = typeof wasm === 'object' && wasm !== null ? Reflect.get(wasm, 'Module') : undefined;
  if (typeof WasmModule !== 'function') throw new Error('WebAssembly is not available');
  return Reflect.construct(WasmModule, [bytes]);
}

/** True when the grammar loads (loading it if needed); without it every RUN is treated as having no commands. */
export function shellParserAvailable(): boolean {
  parser ??= loadParser();
  return parser !== null;
}

/** Whether the bash grammar has been loaded in this process (for tests of the lazy load). */
export function grammarLoaded(): boolean {
  return parser !== undefined && parser !== null;
}

/** Parses shell text into a tree-sitter tree (error tolerant); undefined when the grammar is missing or the parser fails. */
export function parseBash(text: string): Tree | undefined {
  parser ??= loadParser();
  if (parser === null) return undefined;
  try {
    return parser.parse(text) ?? undefined;
  } catch {
    return undefined;
  }
}
