// Runs the fuzz targets of one area inside a worker thread, so that the parent can stop a hung
// parser (a synchronous infinite loop cannot be interrupted in-process) and name the seed and run.
// Before each input it bumps a shared heartbeat and copies the input into shared memory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import type { FuzzTarget } from './harness.ts';
import { PropertyViolation, describeError, inputArbitrary } from './harness.ts';
import type { WorkerInput, WorkerMessage } from './protocol.ts';
import { INPUT_OFFSET, REGRESSIONS, isWorkerInput, loadTargets, seedFor } from './protocol.ts';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function preview(input: Buffer): string {
  const text = input.subarray(0, 240).toString('utf8');
  return JSON.stringify(text) + (input.length > 240 ? ` … (${input.length} bytes)` : '');
}

async function runTarget(target: FuzzTarget, options: WorkerInput, seed: number, shared: Int32Array, bytes: Uint8Array): Promise<void> {
  post({ type: 'start', name: target.name, seed, beats: Atomics.load(shared, 0) });
  const started = performance.now();
  let inputs = 0;
  let known = 0;
  const property = fc.asyncProperty(inputArbitrary(target), async (input) => {
    inputs += 1;
    const length = Math.min(input.length, bytes.length);
    bytes.set(input.subarray(0, length));
    Atomics.store(shared, 1, length);
    Atomics.add(shared, 0, 1);
    const before = performance.now();
    try {
      await target.check(input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(target.known ?? []).some((issue) => issue.pattern.test(message))) throw error;
      known += 1;
    }
    const took = performance.now() - before;
    if (took > options.deadlineMs) throw new PropertyViolation(`one input took ${Math.round(took)} ms (deadline ${options.deadlineMs} ms)`);
  });
  const details = await fc.check(property, { numRuns: Math.max(1, Math.round(options.runs * (target.weight ?? 1))), seed, endOnFailure: !options.shrink, ...(options.budgetMs === undefined ? {} : { interruptAfterTimeLimit: options.budgetMs, markInterruptAsFailure: false }) });
  const ms = Math.round(performance.now() - started);
  if (!details.failed) {
    post({ type: 'result', name: target.name, seed, runs: details.numRuns, inputs, known, ms, failure: undefined });
    return;
  }
  const counterexample = details.counterexample?.[0];
  const input = Buffer.isBuffer(counterexample) ? counterexample : Buffer.alloc(0);
  let saved: string | undefined;
  if (options.crashDir !== undefined) {
    mkdirSync(options.crashDir, { recursive: true });
    saved = join(options.crashDir, `${options.area}-${target.name.replaceAll(/[^a-z0-9.-]+/gi, '_')}-seed${seed}.bin`);
    writeFileSync(saved, input);
  }
  const message = details.errorInstance instanceof PropertyViolation ? details.errorInstance.message : describeError(details.errorInstance);
  post({
    type: 'result',
    name: target.name,
    seed,
    runs: details.numRuns,
    inputs,
    known,
    ms,
    failure: { kind: 'crash', message, path: details.counterexamplePath ?? '', preview: preview(input), saved },
  });
}

/** One regression fixture through its target's check (known issues are not excused here). */
async function runRegression(targets: readonly FuzzTarget[], options: WorkerInput, file: string, shared: Int32Array): Promise<void> {
  const name = file.slice(0, file.indexOf('--'));
  const target = targets.find((candidate) => candidate.name === name);
  post({ type: 'start', name: `regression ${file}`, seed: 0, beats: Atomics.load(shared, 0) });
  Atomics.add(shared, 0, 1);
  let failure: string | undefined;
  try {
    if (target === undefined) throw new PropertyViolation(`no ${options.area} target named ${name}`);
    await target.check(readFileSync(new URL(`${options.area}/${file}`, REGRESSIONS)));
  } catch (error) {
    failure = error instanceof PropertyViolation ? error.message : describeError(error);
  }
  post({ type: 'regression', file, failure });
}

async function main(): Promise<void> {
  const options: unknown = workerData;
  if (!isWorkerInput(options)) throw new Error('fuzz worker: bad workerData');
  const shared = new Int32Array(options.heartbeat, 0, 2);
  const bytes = new Uint8Array(options.heartbeat, INPUT_OFFSET);
  const targets = await loadTargets(options.area);
  const selected = targets.filter((target) => options.names === undefined || options.names.includes(target.name));
  post({ type: 'targets', names: selected.map((target) => target.name) });
  for (const target of selected) await runTarget(target, options, seedFor(options.seed, target.name), shared, bytes);
  for (const file of options.regressions) await runRegression(targets, options, file, shared);
  post({ type: 'finished' });
}

await main();
