import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { after } from 'node:test';
import { validateReport } from '../src/report/index.ts';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..');
const BIN = join(REPO_ROOT, 'bin', 'palisade.js');
/** The CLI under test never reads the developer's advisory database or layer cache. */
const ISOLATED_DB = join(tmpdir(), `palisade-test-${process.pid}-no-advisories.db`);
const ISOLATED_CACHE = join(tmpdir(), `palisade-test-${process.pid}-cache`);

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI in a child process (the same Node as the tests, with the flag of the bin's shebang), with no TTY. */
export function palisade(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=16', BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PALISADE_DB: ISOLATED_DB, PALISADE_CACHE_DIR: ISOLATED_CACHE, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Creates a temporary directory holding the given files (path → content). */
export async function fixtureDir(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-e2e-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}


export interface JsonFinding {
  readonly ruleId: string;
  readonly slug: string;
  readonly severity: string;
  readonly message: string;
  readonly location: {
    readonly path: string;
    readonly startLine?: number;
    readonly startColumn?: number;
    readonly object?: { readonly kind: string; readonly name: string; readonly namespace?: string };
  };
  readonly suppression?: { readonly kind: string; readonly reason?: string };
}
export interface JsonReport {
  readonly findings: readonly JsonFinding[];
  readonly errors: readonly { readonly path: string; readonly code: string; readonly startLine?: number; readonly startColumn?: number; readonly message: string }[];
  readonly summary: { readonly failing: number; readonly suppressed: number; readonly filesScanned: number };
}

export function parseReport(text: string): JsonReport {
  const json: unknown = JSON.parse(text);
  assert.deepEqual(validateReport(json), [], 'report does not validate against schemas/report.schema.json');
  // The schema guarantees the shape asserted above.
  return json as JsonReport;
}

const temporary: string[] = [];
after(async () => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A temporary directory of files, removed when the test file ends. */
export async function fixture(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await fixtureDir(files);
  temporary.push(dir);
  return dir;
}
