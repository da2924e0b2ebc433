// The long fuzz run of issue 14: `node scripts/fuzz.ts --runs 1000000 [--only <area>[/<target>]]`.
// Runs every fuzz target (test/fuzz/targets/*.ts) in a worker under a watchdog, prints one line per
// target and a summary; failing or hanging inputs are written to --crash-dir (default
// test/fuzz/.crashes, git-ignored by its own .gitignore). Exit code 1 when anything failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Area } from '../test/fuzz/protocol.ts';
import { AREAS, isArea } from '../test/fuzz/protocol.ts';
import { describeFailure, runArea } from '../test/fuzz/run.ts';

const USAGE = `Usage: node scripts/fuzz.ts [--runs N] [--budget SECONDS] [--only AREA[/TARGET]] [--seed N] [--deadline MS] [--no-shrink] [--crash-dir DIR]

Areas: ${AREAS.join(', ')}. Default: 10000 runs per target, a random seed, a 10 s deadline per input.
--budget stops each target after that many seconds (the runs done are printed).`;

function selection(only: string | undefined): { readonly areas: readonly Area[]; readonly names: readonly string[] | undefined } {
  if (only === undefined) return { areas: AREAS, names: undefined };
  const [area, name] = only.split('/', 2);
  if (area === undefined || !isArea(area)) throw new Error(`Unknown area ${JSON.stringify(area)}. ${USAGE}`);
  return { areas: [area], names: name === undefined ? undefined : [name] };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '10000' },
      only: { type: 'string' },
      seed: { type: 'string' },
      deadline: { type: 'string', default: '10000' },
      budget: { type: 'string' },
      'no-shrink': { type: 'boolean', default: false },
      'crash-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const runs = Number(values.runs);
  const deadlineMs = Number(values.deadline);
  const seed = values.seed === undefined ? Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31)) : Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isFinite(deadlineMs) || !Number.isInteger(seed)) throw new Error(USAGE);
  const crashDir = values['crash-dir'] ?? join(import.meta.dirname, '..', 'test', 'fuzz', '.crashes');
  mkdirSync(crashDir, { recursive: true });
  writeFileSync(join(crashDir, '.gitignore'), '*\n');
  const { areas, names } = selection(values.only);
  process.stdout.write(`seed ${seed}, ${runs} runs per target, deadline ${deadlineMs} ms per input\n`);
  let failed = 0;
  let total = 0;
  const started = Date.now();
  for (const area of areas) {
    await runArea(area, {
      runs,
      seed,
      deadlineMs,
      hangMs: Math.max(deadlineMs * 2, 20_000),
      shrink: !values['no-shrink'],
      budgetMs: values.budget === undefined ? undefined : Number(values.budget) * 1000,
      names,
      crashDir,
      onResult(result) {
        total += result.runs;
        if (result.failure !== undefined) failed += 1;
        const status = result.failure === undefined ? (result.known > 0 ? `ok (${result.known} known-issue hits)` : 'ok') : describeFailure(area, result, seed);
        process.stdout.write(`${area}/${result.name}\t${result.runs} runs\t${(result.ms / 1000).toFixed(1)} s\tseed ${result.seed}\t${status}\n`);
      },
    });
  }
  process.stdout.write(`${total} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failed} target(s) failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
