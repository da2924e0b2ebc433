// Dependencies the bundle carries as one module each (scripts/bundle.ts): a CommonJS package of many
// small files, whose files Node would otherwise resolve, read, check against the compile cache and
// wrap one by one. `yaml` (74 files) cost a Kubernetes scan about 110 M instructions to load, about
// a third of that scan's start-up (decision 0037-c-start-up-chunks-and-built-ins).
// The module holds the package's own CommonJS files unchanged, each wrapped in a function
// `(exports, require, module)` and required as Node requires them (once, in order, cycles seeing the
// exports so far); its ES exports are those Node gives an `import` of the package: `default`, the
// whole `module.exports`, and each of its keys as a named export. Built-ins that the files require
// come from `process.getBuiltinModule()`; a require of anything else stops the build.
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from '@rollup/wasm-node';

const require = createRequire(import.meta.url);

/** The module text of package `name`: its files in functions, and the ES exports of its entry. */
export function vendorModule(name: string): string {
  const entry = require.resolve(name);
  const root = dirname(require.resolve(`${name}/package.json`));
  const { version, license }: { version?: unknown; license?: unknown } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  const files = new Map<string, Map<string, string>>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    const requires = new Map<string, string>();
    files.set(file, requires);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(/\brequire\('([^']+)'\)/g)) {
      const target = requireTarget(file, specifier, name);
      requires.set(specifier, target);
      if (!target.startsWith('node:')) pending.push(target);
    }
  }
  const key = (file: string): string => relative(root, file);
  const wrapped = [...files].map(([file, requires]) => {
    const table = JSON.stringify(Object.fromEntries([...requires].map(([specifier, target]) => [specifier, target.startsWith('node:') ? target : key(target)])));
    // In parentheses: V8 compiles such a function with the module (not on its first call), so that the
    // compile cache, written right after the module is compiled, holds each file's code as it held
    // each file of the package.
    return `${JSON.stringify(key(file))}: [${table}, (function (exports, require, module) {\n${readFileSync(file, 'utf8')}\n})]`;
  });
  const exported = Object.keys(require(name)).filter((id) => id !== 'default' && /^[A-Za-z_][\w$]*$/.test(id));
  return [
    `// ${name} ${String(version)} (${String(license)} licence: its text is in the package, a dependency installed beside this one),`,
    '// its CommonJS build as one module (scripts/bundle-vendor.ts).',
    `const $files = {\n${wrapped.join(',\n')}\n};`,
    'const $loaded = new Map();',
    'function $load(id) {',
    "  if (id.startsWith('node:')) return process.getBuiltinModule(id);",
    '  const cached = $loaded.get(id);',
    '  if (cached !== undefined) return cached.exports;',
    '  const [requires, body] = $files[id];',
    '  const module = { exports: {} };',
    '  $loaded.set(id, module);',
    '  body.call(module.exports, module.exports, (specifier) => $load(requires[specifier]), module);',
    '  return module.exports;',
    '}',
    `const $exports = $load(${JSON.stringify(key(entry))});`,
    'export default $exports;',
    `export const { ${exported.join(', ')} } = $exports;`,
    '',
  ].join('\n');
}

function requireTarget(from: string, specifier: string, name: string): string {
  if (isBuiltin(specifier)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) throw new Error(`${name}: ${from} requires ${specifier}, which the bundle cannot carry`);
  const target = resolve(dirname(from), specifier);
  return target.endsWith('.js') ? target : `${target}.js`;
}

/**
 * Writes each package of `names` as `<name>.js` beside the chunks and points the chunks' imports of
 * it there. `finish` gets the module text before it is written (the ASCII escapes of the chunks).
 */
export function vendoredPackages(names: readonly string[], finish: (code: string, parse: (code: string) => unknown) => string): Plugin {
  return {
    name: 'vendored-packages',
    renderChunk(code) {
      let rewritten = code;
      for (const name of names) rewritten = rewritten.replaceAll(` from '${name}';`, ` from './${name}.js';`).replaceAll(`import '${name}';`, `import './${name}.js';`);
      return rewritten === code ? null : rewritten;
    },
    generateBundle() {
      for (const name of names) this.emitFile({ type: 'asset', fileName: `${name}.js`, source: finish(vendorModule(name), (code) => this.parse(code)) });
    },
  };
}
