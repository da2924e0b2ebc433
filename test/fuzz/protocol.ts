// Messages between the fuzz runner (test/fuzz/run.ts) and its worker (test/fuzz/worker.ts).
import type { FuzzTarget } from './harness.ts';

/** Every fuzzed area; each has `targets/<area>.ts` and `<area>.fuzz.test.ts`. */
export const AREAS = ['admission', 'config', 'dockerfile', 'image', 'kubernetes', 'packages', 'policy', 'sbom', 'signing', 'vuln'] as const;

export type Area = (typeof AREAS)[number];

export const REGRESSIONS = new URL('./regressions/', import.meta.url);

/** The heartbeat buffer: [inputs started, input length] as Int32, then the current input's bytes. */
export const INPUT_OFFSET = 8;
export const INPUT_CAPACITY = 4 * 1024 * 1024;

export interface WorkerInput {
  readonly area: Area;
  readonly runs: number;
  readonly seed: number;
  readonly deadlineMs: number;
  readonly shrink: boolean;
  /** Stop each target after this many milliseconds (the runs done are reported); undefined: no limit. */
  readonly budgetMs: number | undefined;
  readonly names: readonly string[] | undefined;
  /** Regression fixtures to run once each after the targets (`<target>--<what>.<ext>` under test/fuzz/regressions/<area>/). */
  readonly regressions: readonly string[];
  readonly crashDir: string | undefined;
  readonly heartbeat: SharedArrayBuffer;
}

export interface TargetFailure {
  readonly kind: 'crash' | 'hang';
  readonly message: string;
  /** fast-check's replay path (`{ seed, path }` replays the failing run). */
  readonly path: string;
  readonly preview: string;
  readonly saved: string | undefined;
}

export interface TargetResult {
  readonly name: string;
  readonly seed: number;
  readonly runs: number;
  readonly inputs: number;
  /** Inputs that hit a known issue of the target (see FuzzTarget.known). */
  readonly known: number;
  readonly ms: number;
  readonly failure: TargetFailure | undefined;
}

export type WorkerMessage =
  | { readonly type: 'targets'; readonly names: readonly string[] }
  | { readonly type: 'start'; readonly name: string; readonly seed: number; readonly beats: number }
  | ({ readonly type: 'result' } & TargetResult)
  | { readonly type: 'regression'; readonly file: string; readonly failure: string | undefined }
  | { readonly type: 'finished' };

export function isArea(value: string): value is Area {
  return (AREAS as readonly string[]).includes(value);
}

export function isWorkerInput(value: unknown): value is WorkerInput {
  if (typeof value !== 'object' || value === null) return false;
  return 'area' in value && typeof value.area === 'string' && isArea(value.area) && 'heartbeat' in value && value.heartbeat instanceof SharedArrayBuffer;
}

/** A target's seed: the run's seed mixed with its name, so that a subset replays the same inputs. */
export function seedFor(base: number, name: string): number {
  let hash = base | 0;
  for (const char of name) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return hash;
}

function isTargetList(value: unknown): value is readonly FuzzTarget[] {
  return Array.isArray(value) && value.every((item: unknown) => typeof item === 'object' && item !== null && 'name' in item && 'check' in item);
}

export async function loadTargets(area: Area): Promise<readonly FuzzTarget[]> {
  const module: unknown = await import(`./targets/${area}.ts`);
  const targets = typeof module === 'object' && module !== null && 'targets' in module ? module.targets : undefined;
  if (!isTargetList(targets)) throw new Error(`test/fuzz/targets/${area}.ts exports no targets`);
  return targets;
}
