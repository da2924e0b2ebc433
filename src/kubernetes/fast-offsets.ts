import type { JsonValue } from './json.ts';
import { isJsonArray, isJsonObject } from './json.ts';
import type { Offsets, OffsetLookup } from './positions.ts';

/**
 * Offsets of the entries of one mapping or sequence: per entry value start and end, then (for a
 * mapping) key start and end. `keys` lists a mapping's keys in source order; undefined for a sequence.
 */
export interface ContainerOffsets {
  readonly keys: readonly string[] | undefined;
  readonly offsets: readonly number[];
}

/**
 * Pointer → offsets for a document read by the fast loader: nothing is computed per pointer in
 * advance; a lookup follows the pointer through the decoded value and reads the offsets its
 * containers recorded.
 */
export class FastOffsets implements OffsetLookup {
  readonly #containers: ReadonlyMap<object, ContainerOffsets>;
  readonly #root: JsonValue;
  readonly #rootOffsets: Offsets;

  constructor(containers: ReadonlyMap<object, ContainerOffsets>, root: JsonValue, start: number, end: number) {
    this.#containers = containers;
    this.#root = root;
    this.#rootOffsets = [start, end, -1, -1];
  }

  get(pointer: string): Offsets | undefined {
    if (pointer === '') return this.#rootOffsets;
    if (!pointer.startsWith('/')) return undefined;
    let node: JsonValue | undefined = this.#root;
    // The container and entry of the last segment: only its offsets are read.
    let last: ContainerOffsets | undefined;
    let lastEntry = -1;
    for (const raw of pointer.slice(1).split('/')) {
      if (typeof node !== 'object' || node === null) return undefined;
      const container = this.#containers.get(node);
      if (container === undefined) return undefined;
      const segment = raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
      const entry = entryOf(container, segment);
      if (entry === -1) return undefined;
      last = container;
      lastEntry = entry;
      if (container.keys === undefined) node = isJsonArray(node) ? node[entry] : undefined;
      else node = isJsonObject(node) ? node[segment] : undefined;
    }
    if (last === undefined) return undefined;
    const { offsets } = last;
    if (last.keys === undefined) return [offsets[2 * lastEntry] ?? 0, offsets[2 * lastEntry + 1] ?? 0, -1, -1];
    return [offsets[4 * lastEntry] ?? 0, offsets[4 * lastEntry + 1] ?? 0, offsets[4 * lastEntry + 2] ?? 0, offsets[4 * lastEntry + 3] ?? 0];
  }

  /** Entries of the document: every node of the value, the root included. */
  get size(): number {
    let count = 1;
    const stack: JsonValue[] = [this.#root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (typeof node !== 'object' || node === null) continue;
      const values: readonly JsonValue[] = Array.isArray(node) ? node : Object.values(node).filter((value) => value !== undefined);
      count += values.length;
      stack.push(...values);
    }
    return count;
  }
}

function entryOf(container: ContainerOffsets, segment: string): number {
  if (container.keys !== undefined) return container.keys.indexOf(segment);
  if (!/^(?:0|[1-9]\d*)$/.test(segment)) return -1;
  const index = Number(segment);
  return index < container.offsets.length / 2 ? index : -1;
}
