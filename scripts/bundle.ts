// Bundle: the CLI of the compiled dist/ as a few large modules in dist/bundle/, which an installed
// package runs (bin/palisade.js). Run after scripts/build.ts (`npm run build` runs both).
// Why: a Dockerfile scan loaded about 185 small modules, and Node pays for each (resolution, the
// compile cache's lookups, linking) even when it is trivial; bundled, the same scan loads 5 of ours
// (docs/decisions/0035-a-cli-bundle.md). Rollup (its WebAssembly build, a pure npm devDependency)
// groups the modules into chunks by the units the CLI loads lazily:
//  - `scan`: everything `palisade scan` imports statically (the scan pipeline, core, gate, report);
//  - one chunk per catalogue area (lazy-catalog.ts loads an area's analyzer and rules together),
//    holding the modules only that area reaches, and one per set of areas sharing modules;
//  - everything else (the other commands, lockfile parsers, policies…) as Rollup splits it, so each
//    `await import()` still loads only what it needs.
// Dependencies stay external (imported from node_modules, as by dist/), so their own assets resolve
// as before; except `VENDORED` ones (CommonJS packages of many files, which locate no files of their
// own), written beside the chunks as one module each by scripts/bundle-vendor.ts. The chunks sit two folders below the package root, as dist/<area>/<module>.js does, so
// `new URL('../../package.json', import.meta.url)` and the like still name the same files.
// Run: node scripts/bundle.ts [--dist <dir>]   (default: dist/ of this checkout)
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModuleInfo, Plugin } from '@rollup/wasm-node';
import { rollup } from '@rollup/wasm-node';
import { vendoredPackages } from './bundle-vendor.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: join(import.meta.dirname, '..', 'dist') } } });
const DIST = resolve(values.dist);
const OUT = join(DIST, 'bundle');

/** Entry points: the CLI, and the text scan's worker thread (scan/workers.ts starts `./text-worker.js` beside its own chunk). */
const ENTRIES = { main: 'cli/main.js', 'text-worker': 'scan/text-worker.js' };

/** Dependencies carried as one module each beside the chunks (scripts/bundle-vendor.ts), not loaded file by file from node_modules. */
const VENDORED = ['yaml', 'ignore'];

/** Chunk groups: a name and the modules whose static imports it holds. The first group wins shared modules. */
const GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ['scan', ['cli/scan.js']],
  ['dockerfile', ['dockerfile/analyzer.js', 'dockerfile/rules/index.js']],
  ['kubernetes', ['kubernetes/analyzer.js', 'kubernetes/rules/index.js']],
  ['secrets', ['secrets/text-analyzer.js', 'secrets/rules/index.js']],
];

/** JSON modules of dist/ (the rule manifest) become part of their chunk; Node would otherwise look for them beside it. */
const inlineJson: Plugin = {
  name: 'inline-json',
  load(id) {
    return id.endsWith('.json') ? `export default ${readFileSync(id, 'utf8')};` : null;
  },
};

/**
 * Every character outside ASCII as a `\uXXXX` escape (in strings, regular expressions, untagged
 * templates and comments alike): a module with one such character (a `…` in a message) is decoded
 * and held by V8 as a two-byte string, and the CLI's chunks then took about 10 ms longer to load
 * (decision 0036-a-ascii-bundle). The raw text of tagged templates (`String.raw`) is left as written,
 * since there an escape would change the value; after an escaping backslash (`\…`), the backslash is
 * reused, so that the escape stays one character.
 */
const asciiOnly: Plugin = {
  name: 'ascii-only',
  renderChunk(code) {
    return NON_ASCII.test(code) ? asciiEscaped(code, (text) => this.parse(text)) : null;
  },
};

/** `code` with every character outside ASCII escaped (see asciiOnly); `parse` gives its ESTree. */
function asciiEscaped(code: string, parse: (code: string) => unknown): string {
  const tagged: (readonly [number, number])[] = [];
  taggedTemplates(parse(code), tagged);
  let out = '';
  let last = 0;
  for (const match of code.matchAll(NON_ASCII_ALL)) {
    const at = match.index;
    if (tagged.some(([start, end]) => at >= start && at < end)) continue;
    let backslashes = 0;
    while (code.charCodeAt(at - 1 - backslashes) === 92) backslashes += 1;
    const hex = code.charCodeAt(at).toString(16).padStart(4, '0');
    out += `${code.slice(last, at)}${backslashes % 2 === 1 ? '' : '\\'}u${hex}`;
    last = at + 1;
  }
  return out + code.slice(last);
}

/**
 * Node's built-in modules through `process.getBuiltinModule()` instead of `import`: for an import,
 * Node builds an ES module facade of the built-in that reads every export, and so runs each lazy
 * getter (`fs.promises`, `fs.ReadStream`, crypto's web crypto…), loading modules a scan never uses:
 * about 20 ms of CPU for the built-ins of a scan (decision 0036-a-builtins-without-facades). The
 * built-ins' exports never change, so a constant taken at the top of the chunk is the same binding.
 */
const builtinsWithoutFacades: Plugin = {
  name: 'builtins-without-facades',
  renderChunk(code) {
    const rewritten = code
      .replace(/^import \{([^}]*)\} from '(node:[\w/]+)';$/gm, (_, names: string, id: string) => namedBuiltins(names, id))
      .replace(/^import (\w+) from '(node:[\w/]+)';$/gm, (_, name: string, id: string) => `const ${name} = process.getBuiltinModule('${id}');`)
      .replace(/^import '(node:[\w/]+)';$/gm, (_, id: string) => (LAZY_BUILTINS.has(id) ? '' : `process.getBuiltinModule('${id}');`))
      // `await import('node:x')` builds the facade too (node:crypto's then loads web crypto); every such
      // import in the code reads named exports only, which the module object has alike.
      .replace(/\bimport\('(node:[\w/]+)'\)/g, (_, id: string) => `Promise.resolve(process.getBuiltinModule('${id}'))`);
    return rewritten === code ? null : rewritten;
  },
};

/**
 * Built-ins that a chunk imports for a path most runs never take (a Kubernetes scan's chunk imports
 * node:child_process for kustomize and helm, which alone loads net and dgram: about 25 M instructions
 * of start-up when loaded after the launcher's V8 flags). Their imported functions become functions
 * that load the module on their first call; an import of anything else from them (a class, a
 * constant) stays as it was. node:crypto (about 24 M instructions) and node:fs/promises (15 M, with
 * readline) are imported by chunks most scans load without calling them there: the secrets and
 * vulnerability database chunks (decision 0039-s-start-up-without-unused-built-ins).
 */
const LAZY_BUILTINS: ReadonlySet<string> = new Set(['node:child_process', 'node:crypto', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:readline', 'node:sqlite', 'node:worker_threads', 'node:zlib']);

/** A built-in's plain function (not a class or constructor, no own symbol-keyed properties such as util.promisify.custom). */
function isPlainFunction(id: string, name: string): boolean {
  const builtin: unknown = process.getBuiltinModule(id);
  const value: unknown = typeof builtin === 'object' && builtin !== null ? Reflect.get(builtin, name) : undefined;
  if (typeof value !== 'function') return false;
  const prototype: unknown = Reflect.get(value, 'prototype');
  const methods = typeof prototype === 'object' && prototype !== null ? Object.getOwnPropertyNames(prototype).length : 0;
  return methods <= 1 && Object.getOwnPropertySymbols(value).length === 0 && !Function.prototype.toString.call(value).startsWith('class') && /^[a-z]/.test(name);
}

/** `import { a, b as c } from 'node:x'` as constants; from a lazy built-in whose imports are all plain functions, as loaders. */
function namedBuiltins(names: string, id: string): string {
  const pairs = names.split(',').map((part) => part.trim().split(' as ')).map(([name = '', local = name]) => [name, local] as const);
  if (!LAZY_BUILTINS.has(id) || !pairs.every(([name]) => isPlainFunction(id, name))) return `const {${names.replaceAll(' as ', ': ')}} = process.getBuiltinModule('${id}');`;
  const module = `$lazy_${id.replace(/\W/g, '_')}`;
  return [`var ${module};`, ...pairs.map(([name, local]) => `const ${local} = (...args) => (${module} ??= process.getBuiltinModule('${id}')).${name}(...args);`)].join('\n');
}
/**
 * Every dynamic import of one of the bundle's own chunks goes through the launcher's
 * `palisade.compileEagerly` (bin/palisade.js), when there is one: it has V8 compile the chunk's
 * functions with the chunk instead of on their first call, so that Node's compile cache, which only
 * holds what was compiled with a module, keeps them, and a later run deserializes them instead of
 * parsing and compiling them again. Every chunk is compiled that way, whatever command loads it, so
 * that the cache's V8 flag hash (which counts `--lazy`) is the same for each chunk in every run
 * (decision 0040-lead-chunks-compiled-eagerly). Imports of packages and built-ins are left as they are.
 */
const EAGER_IMPORT = "(globalThis[Symbol.for('palisade.compileEagerly')] ?? ((load) => load()))(() => import(";
const eagerImports: Plugin = {
  name: 'eager-imports',
  renderDynamicImport({ targetChunk }) {
    return targetChunk === null ? null : { left: EAGER_IMPORT, right: '))' };
  },
};

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** The `[start, end)` of the template of every tagged template in an ESTree `node`. */
function taggedTemplates(node: unknown, into: (readonly [number, number])[]): void {
  if (Array.isArray(node)) {
    for (const item of node) taggedTemplates(item, into);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (Reflect.get(node, 'type') === 'TaggedTemplateExpression') {
    const quasi: unknown = Reflect.get(node, 'quasi');
    const start: unknown = typeof quasi === 'object' && quasi !== null ? Reflect.get(quasi, 'start') : undefined;
    const end: unknown = typeof quasi === 'object' && quasi !== null ? Reflect.get(quasi, 'end') : undefined;
    if (typeof start === 'number' && typeof end === 'number') into.push([start, end]);
  }
  for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) taggedTemplates(value, into);
}

/** Every module of dist/ that `roots` reach through static imports. */
function reached(roots: readonly string[], moduleInfo: (id: string) => ModuleInfo | null): Set<string> {
  const seen = new Set<string>();
  const pending = roots.map((root) => join(DIST, root));
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const info = moduleInfo(id);
    if (seen.has(id) || info === null || info.isExternal) continue;
    seen.add(id);
    pending.push(...info.importedIds);
  }
  return seen;
}

/**
 * The group of each module: every module the first group (the scan) reaches, then each module by the
 * areas that reach it: the area's own chunk when one area does, else a chunk of the modules those
 * areas share (`kubernetes-secrets`), so that no area's chunk loads another area's code. Left to
 * Rollup, a shared module went into the chunk of a group that imports it together with that
 * group's static imports: a Kubernetes scan loaded the secrets area's chunk, whose detectors are
 * built at its top level, for kubernetes/json.ts (decision 0037-c-start-up-chunks-and-built-ins).
 */
function groupModules(moduleInfo: (id: string) => ModuleInfo | null): Map<string, string> {
  const groups = new Map<string, string>();
  const reach = GROUPS.map(([name, roots]) => ({ name, modules: reached(roots, moduleInfo) }));
  const [first, ...areas] = reach;
  if (first === undefined) return groups;
  for (const id of first.modules) groups.set(id, first.name);
  const areasReaching = new Map<string, string[]>();
  for (const area of areas) for (const id of area.modules) if (!groups.has(id)) areasReaching.set(id, [...(areasReaching.get(id) ?? []), area.name]);
  for (const [id, names] of areasReaching) groups.set(id, names.join('-'));
  return groups;
}

for (const path of [...Object.values(ENTRIES), ...GROUPS.flatMap(([, roots]) => roots)]) {
  if (!existsSync(join(DIST, path))) throw new Error(`${join(DIST, path)} is missing: run \`npm run build\` first, or update scripts/bundle.ts`);
}
rmSync(OUT, { recursive: true, force: true });
let groups: Map<string, string> | undefined;
const build = await rollup({
  input: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(DIST, path)])),
  // Node's built-ins and every package: loaded from node_modules at run time, as dist/ does.
  external: (id) => isBuiltin(id) || !(id.startsWith('.') || id.startsWith('/')),
  plugins: [inlineJson, asciiOnly, builtinsWithoutFacades, eagerImports, vendoredPackages(VENDORED, asciiEscaped)],
  onLog(level, log) {
    // Cycles between modules of one chunk are harmless (ES modules allow them, and dist/ has them too).
    if (log.code === 'CIRCULAR_DEPENDENCY') return;
    process.stderr.write(`bundle: ${level}: ${log.message}\n`);
    if (level === 'warn') process.exitCode = 1;
  },
});
await build.write({
  dir: OUT,
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  importAttributesKey: 'with',
  manualChunks(id, { getModuleInfo }) {
    groups ??= groupModules(getModuleInfo);
    return groups.get(id);
  },
});
await build.close();

// A chunk loaded by a plain `import()` would be compiled lazily in some runs and eagerly in others, and
// Node's compile cache would compile it anew at every change (see eagerImports).
for (const file of readdirSync(OUT).filter((name) => name.endsWith('.js'))) {
  const code = readFileSync(join(OUT, file), 'utf8');
  for (const match of code.matchAll(/\bimport\(\s*['"]\.{1,2}\//g)) {
    if (!code.slice(0, match.index).endsWith(EAGER_IMPORT.slice(0, -'import('.length))) throw new Error(`${file}: a dynamic import of a chunk not through palisade.compileEagerly`);
  }
}
