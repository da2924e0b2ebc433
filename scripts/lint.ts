// Project lint rules (STYLE.md 3.12): kebab-case file names, no default exports, no `export *`,
// no enums or namespaces, no non-null assertions, area import boundaries, module size.
// Run: npm run lint
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'test', 'scripts', 'bench'];
const MAX_LINES = 400;
const FILE_NAME = /^(?:[a-z0-9]+(?:[-.][a-z0-9]+)*|__[a-z]+__|README\.md|[a-z0-9-]+\.[a-z]+)$/;

/** Areas that may import anything: the composition root and the entry points. */
// Light public modules other areas import directly, so that they do not load the whole area (its
// rules, analyzers and their dependencies) at start-up through its index.ts.
const PUBLIC_MODULES = new Set([
  'src/kubernetes/json.ts',
  'src/kubernetes/label-selector.ts',
  'src/kubernetes/load.ts',
  'src/kubernetes/model.ts',
  'src/kubernetes/rbac.ts',
  'src/kubernetes/workload.ts',
  'src/image/limits.ts',
  'src/packages/model.ts',
  'src/report/formats.ts',
  'src/scan/version.ts',
  'src/secrets/secret-names.ts',
  'src/scan/run-rules.ts',
]);
// Composers put areas together (the scan pipeline and what runs it: CLI, webhook, watcher, reports).
const COMPOSERS = new Set(['catalog.ts', 'index.ts', 'cli', 'scan', 'admission', 'watch', 'compliance']);

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function lintFile(path: string): Problem[] {
  const file = relative(ROOT, path);
  const problems: Problem[] = [];
  const name = file.split('/').at(-1) ?? '';
  // Fixture files keep the names the tools they imitate require (a Helm chart's Chart.yaml).
  const fixture = file.includes('/__fixtures__/');
  if (!fixture && !FILE_NAME.test(name)) problems.push({ file, line: 1, message: `file name "${name}" is not kebab-case` });
  for (const part of file.split('/').slice(0, -1)) if (!FILE_NAME.test(part)) problems.push({ file, line: 1, message: `folder "${part}" is not kebab-case` });
  if (!path.endsWith('.ts')) return problems;
  const lines = readFileSync(path, 'utf8').split('\n');
  // Generated modules (ajv standalone code, `npm run docs`) are as long as their schemas make them.
  const generated = name.endsWith('.generated.ts');
  if (lines.length > MAX_LINES && !file.includes('__fixtures__') && !generated) problems.push({ file, line: MAX_LINES, message: `module has ${lines.length} lines (max ${MAX_LINES}); split it` });
  lines.forEach((text, index) => {
    const line = index + 1;
    const code = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''").replace(/\/\/.*$/, '');
    if (/^\s*export\s+default\b/.test(code)) problems.push({ file, line, message: 'default export: use a named export' });
    if (/^\s*export\s+\*\s+from\b/.test(code)) problems.push({ file, line, message: '`export *`: re-export names explicitly' });
    if (/^\s*(?:export\s+)?(?:const\s+)?enum\s/.test(code)) problems.push({ file, line, message: 'enum: use a union of string literals' });
    if (/^\s*(?:export\s+)?namespace\s/.test(code)) problems.push({ file, line, message: 'namespace: use a module' });
    if (/[\w)\]]![.;,)\]]/.test(code)) problems.push({ file, line, message: 'non-null assertion: use nullThrows() or a guard' });
    problems.push(...importBoundary(file, text, line));
  });
  return problems;
}

/** `src/<area>/…` may import another area only through its index.ts; nothing imports cli. */
function importBoundary(file: string, code: string, line: number): Problem[] {
  const match = /^\s*(?:import|export)\b.*\bfrom\s+'(\.[^']+)'/.exec(code);
  // Production code only: tests may reach into the area they test and into test helpers.
  if (match === null || !file.startsWith('src/') || /\.test\.ts$|\/test-[^/]*\.ts$|__fixtures__/.test(file)) return [];
  const specifier = match[1] ?? '';
  const target = relative(ROOT, join(ROOT, file, '..', specifier));
  if (!target.startsWith('src/')) return [];
  const [, fromArea] = file.split('/');
  const [, toArea, ...rest] = target.split('/');
  if (toArea === undefined || fromArea === toArea || fromArea === undefined) return [];
  if (toArea === 'cli') return [{ file, line, message: 'nothing may import cli' }];
  if (fromArea === 'core') return [{ file, line, message: `core imports no other area (imports ${target})` }];
  if (COMPOSERS.has(fromArea) || fromArea.endsWith('.ts')) return [];
  if (toArea === 'core' || PUBLIC_MODULES.has(target)) return [];
  // An area's index.ts, or a sub-area's own index.ts (kept apart so start-up loads only what it uses).
  if (rest.at(-1) !== 'index.ts') return [{ file, line, message: `imports ${target}: use ${toArea}/index.ts` }];
  return [];
}

const problems: Problem[] = [];
for (const dir of SOURCE_DIRS) {
  try {
    if (!statSync(join(ROOT, dir)).isDirectory()) continue;
  } catch {
    continue;
  }
  for (const path of files(join(ROOT, dir))) problems.push(...lintFile(path));
}
for (const problem of problems) process.stdout.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
process.stdout.write(problems.length === 0 ? 'lint: no problems\n' : `lint: ${problems.length} problem(s)\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
