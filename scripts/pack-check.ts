// Proves that `npm pack` ships a package that installs and runs on its own (issue 13):
//  1. `npm pack` (prepack builds dist/) into a temporary folder;
//  2. the tarball holds only bin/, dist/, schemas/, docs/, package.json, README and LICENSE,
//     and no TypeScript sources, tests, fixtures or snapshots;
//  3. `npm install <tarball>` into an empty folder (the registry serves the runtime dependencies);
//  4. `npx palisade --version` prints the version, and a scan of a copy of examples/insecure-app by the
//     installed package (compiled dist/) gives the same JSON report as the checkout (TypeScript sources);
//  5. the GitHub Action's script runs with the installed bin and library (SARIF with its category).
// Run: node scripts/pack-check.ts   (about a minute; exit code 0 when every check passes)
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const ALLOWED = [/^bin\/[^/]+\.js$/, /^dist\//, /^schemas\//, /^docs\//, /^package\.json$/, /^README(\.md)?$/, /^LICENSE(\.md|\.txt)?$/];
const FORBIDDEN = [/(?<!\.d)\.ts$/, /\.test\.[cm]?[jt]s$/, /(^|\/)__fixtures__\//, /(^|\/)__snapshots__\//, /(^|\/)node_modules\//, /\.tsbuildinfo$/];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with the checkout's Node first on the PATH (npx and the bin's shebang resolve `node` there). */
function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const path = [dirname(process.execPath), join(ROOT, 'node_modules', '.bin'), process.env['PATH'] ?? ''].join(':');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, PATH: path, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectExit(step: string, result: Run, codes: readonly number[] = [0]): void {
  if (result.code !== null && codes.includes(result.code)) return;
  throw new Error(`${step} exited with ${String(result.code)}\n${result.stderr.slice(-4000)}${result.stdout.slice(-2000)}`);
}

/** The packed file list: only allowed top-level entries, nothing that is source or test. */
export function packProblems(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!ALLOWED.some((pattern) => pattern.test(file))) problems.push(`${file}: not an allowed package path`);
    else if (FORBIDDEN.some((pattern) => pattern.test(file))) problems.push(`${file}: sources, tests and fixtures are not shipped`);
  }
  for (const required of ['bin/palisade.js', 'dist/cli/main.js', 'dist/bundle/main.js', 'dist/index.js', 'dist/index.d.ts', 'package.json', 'schemas/report.schema.json']) {
    if (!files.includes(required)) problems.push(`${required}: missing from the package`);
  }
  return problems;
}

function packedFiles(stdout: string): { filename: string; files: string[] } {
  const parsed: unknown = JSON.parse(stdout.slice(stdout.indexOf('[')));
  const entry: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof entry !== 'object' || entry === null || !('filename' in entry) || !('files' in entry)) throw new Error('npm pack --json printed no package entry');
  const { filename, files } = entry;
  if (typeof filename !== 'string' || !Array.isArray(files)) throw new Error('npm pack --json: unexpected shape');
  return { filename, files: files.map((file: unknown) => (typeof file === 'object' && file !== null && 'path' in file ? String(file.path) : '')) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? new Map<string, unknown>(Object.entries(value)).get(key) : undefined;
}

async function scanJson(command: string, args: readonly string[], cwd: string, isolation: Record<string, string>): Promise<string> {
  const result = await run(command, [...args, 'scan', 'app', '--format', 'json', '--quiet'], cwd, isolation);
  // The example is insecure on purpose: exit 1 means "findings at or above high".
  expectExit(`${command} ${args.join(' ')} scan app`, result, [1]);
  return result.stdout;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'palisade-pack-'));
  const log = (line: string): void => void process.stdout.write(`pack-check: ${line}\n`);
  try {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    expectExit('npm pack', packed);
    const { filename, files } = packedFiles(packed.stdout);
    log(`${filename}: ${files.length} files`);
    const problems = packProblems(files);
    if (problems.length > 0) throw new Error(`the package holds unexpected files:\n  ${problems.slice(0, 40).join('\n  ')}`);

    const install = join(work, 'install');
    await mkdir(install);
    await writeFile(join(install, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
    expectExit('npm install <tarball>', await run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', join(work, filename)], install));
    log('installed from the tarball');

    const version = String(field(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')), 'version'));
    const printed = await run('npx', ['--no-install', 'palisade', '--version'], install);
    expectExit('npx palisade --version', printed);
    if (printed.stdout.trim() !== version) throw new Error(`npx palisade --version printed "${printed.stdout.trim()}", expected "${version}"`);
    expectExit('npx palisade scan --help', await run('npx', ['--no-install', 'palisade', 'scan', '--help'], install));
    log(`npx palisade --version: ${version}`);

    await cp(join(ROOT, 'examples', 'insecure-app'), join(install, 'app'), { recursive: true });
    const isolation = { PALISADE_DB: join(work, 'no-advisories.db'), PALISADE_CACHE_DIR: join(work, 'cache'), CI: '' };
    const installed = await scanJson('npx', ['--no-install', 'palisade'], install, isolation);
    const checkout = await scanJson(process.execPath, ['--max-semi-space-size=16', join(ROOT, 'bin', 'palisade.js')], install, isolation);
    const reported = field(JSON.parse(installed), 'findings');
    const findings = Array.isArray(reported) ? reported.length : 0;
    if (findings === 0) throw new Error('the installed package found nothing in examples/insecure-app');
    if (installed !== checkout) throw new Error('the installed package and the checkout report differently on examples/insecure-app');
    log(`scan of examples/insecure-app from the package: ${findings} findings, identical to the checkout`);

    // The bundle's chunks are compiled whole and keep one compile-cache entry whatever the command
    // (decision 0040-lead-chunks-compiled-eagerly): after a scan and `rules list`, each run again
    // finds its chunks' entries accepted, none rejected for another V8 flag hash. The misconfig-only scan
    // runs without TurboFan and the GC's helper threads (no text rules: src/cli/tiering.ts) when its report
    // chunk loads.
    const cached = { ...isolation, NODE_COMPILE_CACHE: join(work, 'compile-cache') };
    const commands = [['scan', 'app', '--format', 'json', '--quiet'], ['rules', 'list'], ['scan', 'app', '--scanners', 'misconfig', '--format', 'json', '--quiet']];
    for (const args of commands) await run('npx', ['--no-install', 'palisade', ...args], install, cached);
    for (const args of commands) {
      const traced = await run('npx', ['--no-install', 'palisade', ...args], install, { ...cached, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
      const lines = traced.stderr.split('\n').filter((line) => line.includes('/palisade/dist/bundle/'));
      const rejected = lines.filter((line) => line.includes('was rejected'));
      if (rejected.length > 0 || !lines.some((line) => line.includes('was accepted'))) throw new Error(`palisade ${args.join(' ')}: the bundle's compile cache was not reused:\n${rejected.slice(0, 5).join('\n')}`);
    }
    log('the bundle\'s compile cache is reused by a scan, `rules list` and a misconfig-only scan alike');

    // The GitHub Action's step, as action.yml runs it: the installed bin scans, the installed library renders.
    const packageDir = join(install, 'node_modules', 'palisade');
    const reports = join(work, 'action-reports');
    const action = await run(process.execPath, [join(ROOT, 'src', 'pipeline', 'github-action.ts')], install, {
      ...isolation,
      PALISADE_TARGETS: 'app',
      PALISADE_BIN: join(packageDir, 'bin', 'palisade.js'),
      PALISADE_LIBRARY: join(packageDir, 'dist', 'index.js'),
      PALISADE_OUTPUT_DIR: reports,
    });
    expectExit('the action script', action);
    if (!action.stdout.includes('palisade: exit code 1;')) throw new Error(`the action script did not report the example's findings:\n${action.stdout}`);
    const sarif = field(JSON.parse(await readFile(join(reports, 'sarif', '1.sarif'), 'utf8')), 'runs');
    if (!Array.isArray(sarif) || JSON.stringify(sarif).includes('"automationDetails":{"id":"palisade/app/"}') === false) throw new Error('the action script wrote no SARIF with the category palisade/app/');
    log('the action script, with the installed package: SARIF with category palisade/app/');
    log('ok');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await main().catch((error: unknown) => {
    process.stderr.write(`pack-check: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
