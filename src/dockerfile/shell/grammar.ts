import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Tree } from 'web-tree-sitter';
import { Language, Parser } from 'web-tree-sitter';

/**
 * tree-sitter-bash (WASM) for the scripts the common-subset parser (common-parse.ts) leaves alone.
 * The tree-sitter runtime can only start asynchronously, so it starts when this module is first
 * imported (about 35 ms); the bash grammar itself (1.3 MB of WebAssembly, the larger cost) is compiled
 * synchronously on the first script that needs it, so a scan whose RUNs are all in the common subset
 * never loads it.
 */
async function initRuntime(): Promise<boolean> {
  try {
    await Parser.init();
    return true;
  } catch {
    return false;
  }
}

const runtimeReady = await initRuntime();
/** Undefined until first needed; null when the grammar failed to load. */
let parser: Parser | null | undefined;

function loadParser(): Parser | null {
  if (!runtimeReady) return null;
  try {
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
    const created = new Parser();
    created.setLanguage(Language.loadSync(compileWasm(readFileSync(wasm))));
    return created;
  } catch {
    return null;
  }
}

/** `new WebAssembly.Module(bytes)`: synchronous compilation (the project's TypeScript lib has no WebAssembly types). */
function compileWasm(bytes: Uint8Array): Parameters<typeof Language.loadSync>[0] {
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
