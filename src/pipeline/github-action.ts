// The GitHub Action's scan step (action.yml runs it with Node 24, which strips the types).
// One scan per target, in JSON; the SARIF (with a code-scanning category per target), the job summary
// (Markdown) and the requested format are rendered from that JSON by the installed package's
// reporters, so each target is scanned once. Imports nothing: the action checkout has no node_modules.
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Env = Readonly<Record<string, string | undefined>>;

export interface ActionInputs {
  readonly targets: readonly string[];
  readonly scanners: string;
  readonly failOn: string;
  readonly format: string;
  readonly diffBase: string;
}

/** What the step reads: the action's inputs, passed as PALISADE_* variables by action.yml. */
export function readInputs(env: Env): ActionInputs {
  const targets = (env['PALISADE_TARGETS'] ?? '.')
    .split(/[\n,]/)
    .map((target) => target.trim())
    .filter((target) => target !== '');
  return {
    targets: targets.length === 0 ? ['.'] : [...new Set(targets)],
    scanners: (env['PALISADE_SCANNERS'] ?? '').trim(),
    failOn: (env['PALISADE_FAIL_ON'] ?? '').trim() || 'high',
    format: (env['PALISADE_FORMAT'] ?? '').trim() || 'sarif',
    diffBase: (env['PALISADE_DIFF_BASE'] ?? '').trim(),
  };
}

/** `palisade scan` arguments for one target; the report is JSON, written to `output`. */
export function scanArguments(target: string, inputs: ActionInputs, output: string): string[] {
  return [
    'scan', target, '--format', 'json', '--output', output, '--fail-on', inputs.failOn, '--quiet',
    ...(inputs.scanners === '' ? [] : ['--scanners', inputs.scanners]),
    ...(inputs.diffBase === '' ? [] : ['--diff-base', inputs.diffBase]),
  ];
}

/** The code-scanning category of a target: `palisade` for the repository root, else `palisade/<path>`. */
export function categoryOf(target: string): string {
  const path = target.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return path === '' || path === '.' ? 'palisade' : `palisade/${path}`;
}

/** Sets `runs[].automationDetails.id` so that upload-sarif files the runs of each target under its own category. */
export function withCategory(sarif: unknown, category: string): unknown {
  if (typeof sarif !== 'object' || sarif === null || !('runs' in sarif) || !Array.isArray(sarif.runs)) return sarif;
  const runs: unknown[] = sarif.runs.map((run: unknown) => (typeof run === 'object' && run !== null ? { ...run, automationDetails: { id: `${category}/` } } : run));
  return { ...sarif, runs };
}

const EXTENSIONS: Readonly<Record<string, string>> = { json: 'json', sarif: 'sarif', junit: 'xml', markdown: 'md', table: 'txt' };

interface Reporters {
  readonly reporters: Readonly<Record<string, (report: unknown, options: { color: boolean }) => string>>;
}

function isReporters(value: unknown): value is Reporters {
  return typeof value === 'object' && value !== null && 'reporters' in value && typeof value.reporters === 'object' && value.reporters !== null;
}

function render(library: Reporters, format: string, report: unknown): string {
  const reporter = library.reporters[format];
  if (reporter === undefined) throw new Error(`palisade has no "${format}" report format`);
  // The JSON report is exactly the Report model (docs/output-json.md), so the reporters accept it back.
  return reporter(report, { color: false });
}

/** PALISADE_BIN (the package's bin/palisade.js, run by this Node), else PALISADE_COMMAND: a JSON array of strings. */
function commandOf(env: Env): string[] {
  const bin = env['PALISADE_BIN'];
  if (bin !== undefined && bin !== '') return [process.execPath, '--max-semi-space-size=16', bin];
  const parsed: unknown = JSON.parse(env['PALISADE_COMMAND'] ?? '["palisade"]');
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string')) throw new Error('PALISADE_COMMAND must be a JSON array of strings');
  return parsed;
}

function runScan(command: readonly string[], args: readonly string[], env: Env): Promise<number> {
  const [program, ...prefix] = command;
  if (program === undefined) throw new Error('PALISADE_COMMAND is empty');
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...prefix, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 3));
  });
}

export interface ActionResult {
  readonly exitCode: number;
  readonly sarifDir: string;
  readonly reportDir: string;
}

/**
 * Scans every target and writes `<PALISADE_OUTPUT_DIR>/sarif/<n>.sarif`, `palisade-<n>.json` (and the
 * requested format), the job summary and the step outputs. The exit code is the worst of the targets':
 * 0 clean, 1 findings at or above fail-on, 2 usage or configuration error, 3 internal error.
 */
export async function runAction(env: Env): Promise<ActionResult> {
  const inputs = readInputs(env);
  const reportDir = env['PALISADE_OUTPUT_DIR'] ?? join(env['RUNNER_TEMP'] ?? '.', 'palisade-reports');
  const sarifDir = join(reportDir, 'sarif');
  await mkdir(sarifDir, { recursive: true });
  const command = commandOf(env);
  const libraryPath = env['PALISADE_LIBRARY'];
  if (libraryPath === undefined || libraryPath === '') throw new Error('PALISADE_LIBRARY must name the installed package\'s dist/index.js');
  const library: unknown = await import(pathToFileURL(libraryPath).href);
  if (!isReporters(library)) throw new Error('PALISADE_LIBRARY does not export reporters');
  const summaries: string[] = [];
  let exitCode = 0;
  for (const [index, target] of inputs.targets.entries()) {
    const jsonPath = join(reportDir, `palisade-${index + 1}.json`);
    const code = await runScan(command, scanArguments(target, inputs, jsonPath), env);
    exitCode = Math.max(exitCode, code);
    if (code > 1) {
      summaries.push(`## Palisade scan of \`${target}\`\n\nThe scan failed (exit code ${code}); the step log says why.\n`);
      continue;
    }
    const report: unknown = JSON.parse(await readFile(jsonPath, 'utf8'));
    const sarif: unknown = JSON.parse(render(library, 'sarif', report));
    await writeFile(join(sarifDir, `${index + 1}.sarif`), `${JSON.stringify(withCategory(sarif, categoryOf(target)), null, 2)}\n`);
    if (inputs.format !== 'json' && inputs.format !== 'sarif') await writeFile(join(reportDir, `palisade-${index + 1}.${EXTENSIONS[inputs.format] ?? 'txt'}`), render(library, inputs.format, report));
    summaries.push(render(library, 'markdown', report).replace(/^## Palisade scan$/m, `## Palisade scan of \`${target}\``));
  }
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile !== undefined && summaryFile !== '') await appendFile(summaryFile, `${summaries.join('\n')}\n`);
  const outputFile = env['GITHUB_OUTPUT'];
  if (outputFile !== undefined && outputFile !== '') await appendFile(outputFile, `exit-code=${exitCode}\nsarif-dir=${sarifDir}\nreport-dir=${reportDir}\n`);
  return { exitCode, sarifDir, reportDir };
}

if (import.meta.main) {
  const result = await runAction(process.env);
  process.stdout.write(`palisade: exit code ${result.exitCode}; reports in ${result.reportDir}\n`);
}
