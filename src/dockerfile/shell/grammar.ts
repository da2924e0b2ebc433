import { createRequire } from 'node:module';
import type { Tree } from 'web-tree-sitter';
import { Language, Parser } from 'web-tree-sitter';

/**
 * The bash grammar (tree-sitter-bash, WASM), loaded once when this module is first imported. Loading is
 * asynchronous; the top-level await lets the analyzer parse synchronously afterwards.
 */
async function loadParser(): Promise<Parser | undefined> {
  try {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  } catch {
    return undefined;
  }
}

const parser = await loadParser();

/** True when the grammar loaded; without it every RUN is treated as having no commands. */
export function shellParserAvailable(): boolean {
  return parser !== undefined;
}

/** Parses shell text into a tree-sitter tree (error tolerant); undefined when the grammar is missing or the parser fails. */
export function parseBash(text: string): Tree | undefined {
  if (parser === undefined) return undefined;
  try {
    return parser.parse(text) ?? undefined;
  } catch {
    return undefined;
  }
}
