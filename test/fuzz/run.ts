// Runs the fuzz targets of one area in a worker under a watchdog: when no new input starts within
// the hang limit, the worker is stopped, the target is reported as hung with its seed and run, and
// the remaining targets run in a fresh worker. Used by the `*.fuzz.test.ts` files and scripts/fuzz.ts.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { Area, TargetResult, WorkerInput, WorkerMessage } from './protocol.ts';
import { INPUT_CAPACITY, INPUT_OFFSET } from './protocol.ts';

export interface AreaRunOptions {
  readonly runs: number;
  readonly seed: number;
  /** A single input taking longer than this fails its target. */
  readonly deadlineMs: number;
  /** No new input for this long: the worker is stopped and the target reported as hung. */
  readonly hangMs: number;
  readonly shrink: boolean;
  /** Stop each target after this long, reporting the runs done (the long run's time box). */
  readonly budgetMs?: number | undefined;
  /** Only these targets (all when undefined). */
  readonly names?: readonly string[] | undefined;
  /** Regression fixtures to run once each (file names under test/fuzz/regressions/<area>/). */
  readonly regressions?: readonly string[];
  readonly onRegression?: (file: string, failure: string | undefined) => void;
  /** Failing and hanging inputs are written here. */
  readonly crashDir?: string | undefined;
  readonly onResult?: (result: TargetResult) => void;
}

const WORKER = new URL('./worker.ts', import.meta.url);

function isMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

interface Pass {
  readonly results: TargetResult[];
  /** Targets not run because the worker stopped; undefined when the worker finished. */
  readonly remaining: readonly string[] | undefined;
}

function runPass(area: Area, names: readonly string[] | undefined, options: AreaRunOptions): Promise<Pass> {
  const heartbeat = new SharedArrayBuffer(INPUT_OFFSET + INPUT_CAPACITY);
  const shared = new Int32Array(heartbeat, 0, 2);
  const input: WorkerInput = { area, runs: options.runs, seed: options.seed, deadlineMs: options.deadlineMs, shrink: options.shrink, budgetMs: options.budgetMs, names, regressions: names === options.names ? (options.regressions ?? []) : [], crashDir: options.crashDir, heartbeat };
  const worker = new Worker(WORKER, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 1 } });
  const results: TargetResult[] = [];
  let planned: readonly string[] = [];
  let current: { name: string; seed: number; startedAt: number; beatsAtStart: number } | undefined;
  let lastBeat = 0;
  let lastChange = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (stopped: TargetResult | undefined): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      if (stopped !== undefined) {
        results.push(stopped);
        options.onResult?.(stopped);
      }
      const done = new Set(results.map((result) => result.name));
      void worker.terminate();
      resolve({ results, remaining: stopped === undefined ? undefined : planned.filter((name) => !done.has(name)) });
    };
    const stoppedResult = (kind: 'crash' | 'hang', message: string): TargetResult | undefined => {
      if (current === undefined) return undefined;
      const length = Atomics.load(shared, 1);
      const bytes = Buffer.from(new Uint8Array(heartbeat, INPUT_OFFSET, length));
      const run = Atomics.load(shared, 0) - current.beatsAtStart;
      let saved: string | undefined;
      if (options.crashDir !== undefined) {
        mkdirSync(options.crashDir, { recursive: true });
        saved = join(options.crashDir, `${area}-${current.name}-seed${current.seed}-${kind}.bin`);
        writeFileSync(saved, bytes);
      }
      const preview = JSON.stringify(bytes.subarray(0, 240).toString('utf8')) + (bytes.length > 240 ? ` … (${bytes.length} bytes)` : '');
      return { name: current.name, seed: current.seed, runs: run, inputs: run, known: 0, ms: Date.now() - current.startedAt, failure: { kind, message, path: String(Math.max(0, run - 1)), preview, saved } };
    };
    const watchdog = setInterval(() => {
      const beats = Atomics.load(shared, 0);
      if (beats !== lastBeat) {
        lastBeat = beats;
        lastChange = Date.now();
        return;
      }
      if (current !== undefined && Date.now() - lastChange > options.hangMs) finish(stoppedResult('hang', `no progress for ${options.hangMs} ms on one input`));
    }, 100);
    worker.on('message', (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.type === 'targets') planned = message.names;
      if (message.type === 'start') {
        // Loading the targets (before the first start) does not count towards a hang.
        current = { name: message.name, seed: message.seed, startedAt: Date.now(), beatsAtStart: message.beats };
        lastChange = Date.now();
      }
      if (message.type === 'result') {
        const { type: _type, ...result } = message;
        results.push(result);
        options.onResult?.(result);
        current = undefined;
      }
      if (message.type === 'regression') {
        options.onRegression?.(message.file, message.failure);
        current = undefined;
      }
      if (message.type === 'finished') finish(undefined);
    });
    worker.on('error', (error) => {
      const stopped = stoppedResult('crash', `the worker died: ${error.stack ?? error.message}`);
      if (stopped === undefined) throw error;
      finish(stopped);
    });
    worker.on('exit', () => finish(stoppedResult('crash', 'the worker exited')));
  });
}

/** Runs every target of `area` (or `options.names`), restarting the worker after a hang or a crash. */
export async function runArea(area: Area, options: AreaRunOptions): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  let names = options.names;
  for (;;) {
    const pass = await runPass(area, names, options);
    results.push(...pass.results);
    if (pass.remaining === undefined || pass.remaining.length === 0) return results;
    names = pass.remaining;
  }
}

/** `baseSeed` is the run's seed (each target's own seed is derived from it and its name). */
export function describeFailure(area: Area, result: TargetResult, baseSeed: number): string {
  const failure = result.failure;
  if (failure === undefined) return `${area}/${result.name}: ok`;
  const replay = `node scripts/fuzz.ts --seed ${baseSeed} --only ${area}/${result.name} --runs ${result.runs}`;
  return `${area}/${result.name} ${failure.kind} at run ${failure.path} (target seed ${result.seed}; replay: ${replay}): ${failure.message}\ninput: ${failure.preview}${failure.saved === undefined ? '' : `\nsaved: ${failure.saved}`}`;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const REGRESSIONS = join(import.meta.dirname, 'regressions');

/**
 * The `npm test` part of the fuzzing: a short run of every target of the area (FUZZ_RUNS inputs each,
 * default 15; FUZZ_SEED fixes the seed), then every regression fixture of the area once, all in one
 * worker. A fixture named `<target>--todo-<what>` is a known crash in a folder owned elsewhere: it
 * runs as a `todo` test.
 */
export function fuzzAreaTest(area: Area): void {
  let files: string[] = [];
  try {
    files = readdirSync(join(REGRESSIONS, area)).filter((file) => file.includes('--')).sort();
  } catch {
    files = [];
  }
  const runs = envNumber('FUZZ_RUNS', 15);
  const seed = envNumber('FUZZ_SEED', 0) || Math.floor(Math.random() * 2 ** 31);
  const regressions = new Map<string, string | undefined>();
  let outcome: Promise<TargetResult[]> | undefined;
  const run = (): Promise<TargetResult[]> => {
    outcome ??= runArea(area, { runs, seed, deadlineMs: 10_000, hangMs: 20_000, shrink: true, regressions: files, onRegression: (file, failure) => regressions.set(file, failure) });
    return outcome;
  };
  describe(`fuzz: ${area}`, () => {
    it(`every ${area} parser survives mutated and arbitrary input`, async (t) => {
      t.diagnostic(`seed ${seed}, ${runs} inputs per parser (set FUZZ_SEED and FUZZ_RUNS to change)`);
      const results = (await run()).filter((result) => !result.name.startsWith('regression '));
      assert.ok(results.length > 0, 'no targets ran');
      for (const result of results) if (result.known > 0) t.diagnostic(`${area}/${result.name}: ${result.known} input(s) hit a known issue (see test/fuzz/regressions/README.md)`);
      assert.deepEqual(results.filter((result) => result.failure !== undefined).map((result) => describeFailure(area, result, seed)), []);
    });
    for (const file of files) {
      const todo = file.includes('--todo-') ? `known crash, see test/fuzz/regressions/README.md (${file})` : undefined;
      it(`regression ${file}`, { todo }, async () => {
        const stopped = (await run()).find((result) => result.name === `regression ${file}`);
        assert.equal(stopped?.failure?.message, undefined, `the worker stopped on ${file}`);
        assert.ok(regressions.has(file), `${file} did not run (the worker stopped before it)`);
        assert.equal(regressions.get(file), undefined);
      });
    }
  });
}
