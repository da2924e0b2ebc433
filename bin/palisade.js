#!/usr/bin/env node
// Launcher: in a checkout Node runs the TypeScript sources directly (type stripping);
// an installed package runs the compiled dist/ (Node does not strip types under node_modules).
import { fileURLToPath } from 'node:url';

const fromPackage = fileURLToPath(import.meta.url).includes('/node_modules/');
const entry = fromPackage ? '../dist/cli/main.js' : '../src/cli/main.ts';
const { run } = await import(entry);
process.exitCode = await run(process.argv.slice(2));
