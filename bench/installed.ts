// The package as `npm install` lays it out, for the benchmarks that measure what users run (the
// compiled dist/ and its bundle) beside the checkout: bench/dockerfile.ts and bench/kubernetes.ts
// build it into the same folder, bench/.work/installed (so do not run them at the same time).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
/** The checkout's launcher. */
export const PALISADE = join(ROOT, 'bin', 'palisade.js');
/** The installed package's folder (its launcher is bin/palisade.js in it). */
export const INSTALLED = join(ROOT, 'bench', '.work', 'installed', 'node_modules', 'palisade');

/**
 * The V8 flags of the launcher's shebang (`#!/usr/bin/env -S node <flags>`): a scan runs as the
 * `palisade` command does.
 */
export function shebangFlags(): string[] {
  const first = readFileSync(PALISADE, 'utf8').split('\n', 1)[0] ?? '';
  return first.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * Builds the installed package: bin/, dist/ compiled by tsc and bundled by scripts/bundle.ts, the
 * package's data folders and dependencies linked from the checkout. `reuse` keeps one already built.
 * Returns whether dist/ has its bundle.
 */
export function prepareInstalled(reuse: boolean): boolean {
  if (!reuse || !existsSync(join(INSTALLED, 'dist'))) {
    rmSync(INSTALLED, { recursive: true, force: true });
    mkdirSync(join(INSTALLED, 'bin'), { recursive: true });
    for (const name of ['package.json', 'schemas', 'docs', 'node_modules']) symlinkSync(join(ROOT, name), join(INSTALLED, name));
    copyFileSync(PALISADE, join(INSTALLED, 'bin', 'palisade.js'));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(INSTALLED, 'dist')], { cwd: ROOT, stdio: 'inherit' });
    if (tsc.status !== 0) throw new Error('tsc failed: the installed package was not built');
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.ts'), '--dist', join(INSTALLED, 'dist')], { cwd: ROOT, stdio: 'inherit' });
  }
  return existsSync(join(INSTALLED, 'dist', 'bundle', 'main.js'));
}
