// Build: a clean dist/ compiled from src/ (npm run build; npm pack runs it through prepack).
// dist/ is removed first so that modules deleted or renamed in src/ are not shipped from an old build.
// Runtime assets are not copied: the code resolves them from the package root (schemas/, docs/rules/,
// package.json) or from dependencies (tree-sitter-bash's WASM, kubernetes-models' schemas), and
// scripts/pack-check.ts proves the installed package runs.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
if (result.error !== undefined) throw result.error;
process.exitCode = result.status ?? 1;
