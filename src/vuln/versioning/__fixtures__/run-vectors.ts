// Test helpers for version schemes: one node:test case per row of a static vector table.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ParseProblem, VersionScheme } from '../scheme.ts';

export type Vector = readonly [a: string, op: '<' | '=' | '>', b: string];

const SIGN = { '<': -1, '=': 0, '>': 1 } as const;

function parsed(scheme: VersionScheme, text: string) {
  const result = scheme.parse(text);
  assert.ok(result.ok, `${scheme.id} rejected "${text}": ${result.ok ? '' : result.error.reason}`);
  return result.value;
}

/** Each row `a op b`: asserts compare(a, b) and, the other way, compare(b, a). */
export function runVectors(scheme: VersionScheme, vectors: readonly Vector[]): void {
  for (const [a, op, b] of vectors) {
    it(`${a} ${op} ${b}`, () => {
      const left = parsed(scheme, a);
      const right = parsed(scheme, b);
      assert.equal(scheme.compare(left, right), SIGN[op]);
      assert.equal(scheme.compare(right, left), -SIGN[op] || 0);
    });
  }
}

/** An ordered sequence from an upstream test: one test per element, lower than every later one. */
export function runSequence(scheme: VersionScheme, sequence: readonly string[]): void {
  sequence.forEach((low, index) => {
    const later = sequence.slice(index + 1);
    if (later.length === 0) return;
    it(`${low} < ${later.length === 1 ? later[0] : `${later[0]} … ${later.at(-1)}`}`, () => {
      const lowVersion = parsed(scheme, low);
      for (const high of later) {
        const highVersion = parsed(scheme, high);
        assert.equal(scheme.compare(lowVersion, highVersion), -1, `${low} < ${high}`);
        assert.equal(scheme.compare(highVersion, lowVersion), 1, `${high} > ${low}`);
      }
    });
  });
}

/** Each row: a text the scheme must reject, with the exact reason and column. */
export function runInvalid(scheme: VersionScheme, rows: readonly (readonly [text: string, problem: ParseProblem])[]): void {
  for (const [text, problem] of rows) {
    it(`rejects ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, () => {
      assert.deepEqual(scheme.parse(text), { ok: false, error: problem });
    });
  }
}

/** Deterministic pseudo-random generator (mulberry32) for oracle cross-checks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` pairs drawn from `items` with a fixed seed. */
export function samplePairs<T>(items: readonly T[], count: number, seed: number): (readonly [T, T])[] {
  const random = seededRandom(seed);
  const pick = (): T => {
    const item = items[Math.floor(random() * items.length)];
    assert.ok(item !== undefined);
    return item;
  };
  return Array.from({ length: count }, (): readonly [T, T] => [pick(), pick()]);
}
