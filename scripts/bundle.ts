// Bundle: the CLI of the compiled dist/ as a few large modules in dist/bundle/, which an installed
// package runs (bin/palisade.js). Run after scripts/build.ts (`npm run build` runs both).
// Why: a Dockerfile scan loaded about 185 small modules, and Node pays for each (resolution, the
// compile cache's lookups, linking) even when it is trivial; bundled, the same scan loads 5 of ours
// (docs/decisions/0035-a-cli-bundle.md). Rollup (its WebAssembly build, a pure npm devDependency)
// groups the modules into chunks by the units the CLI loads lazily:
//  - `scan`: everything `palisade scan` imports statically (the scan pipeline, core, gate, report);
//  - one chunk per catalogue area (lazy-catalog.ts loads an area's analyzer and rules together),
//    holding the modules only that area reaches;
//  - everything else (the other commands, lockfile parsers, policies…) as Rollup splits it, so each
//    `await import()` still loads only what it needs.
// Dependencies stay external (imported from node_modules, as by dist/), so their own assets resolve
// as before. The chunks sit two folders below the package root, as dist/<area>/<module>.js does, so
// `new URL('../../package.json', import.meta.url)` and the like still name the same files.
// Run: node scripts/bundle.ts [--dist <dir>]   (default: dist/ of this checkout)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModuleInfo, Plugin } from '@rollup/wasm-node';
import { rollup } from '@rollup/wasm-node';

const { values } = parseArgs({ options: { dist: { type: 'string', default: join(import.meta.dirname, '..', 'dist') } } });
const DIST = resolve(values.dist);
const OUT = join(DIST, 'bundle');

/** Entry points: the CLI, and the text scan's worker thread (scan/workers.ts starts `./text-worker.js` beside its own chunk). */
const ENTRIES = { main: 'cli/main.js', 'text-worker': 'scan/text-worker.js' };

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
 * The group of each module: every module the first group (the scan) reaches, then each module that
 * exactly one area reaches. A module several areas share is left to Rollup, so that no area's chunk
 * loads another area's code.
 */
function groupModules(moduleInfo: (id: string) => ModuleInfo | null): Map<string, string> {
  const groups = new Map<string, string>();
  const reach = GROUPS.map(([name, roots]) => ({ name, modules: reached(roots, moduleInfo) }));
  const [first, ...areas] = reach;
  if (first === undefined) return groups;
  for (const id of first.modules) groups.set(id, first.name);
  const areasReaching = new Map<string, number>();
  for (const area of areas) for (const id of area.modules) if (!groups.has(id)) areasReaching.set(id, (areasReaching.get(id) ?? 0) + 1);
  for (const area of areas) for (const id of area.modules) if (areasReaching.get(id) === 1) groups.set(id, area.name);
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
  plugins: [inlineJson],
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
