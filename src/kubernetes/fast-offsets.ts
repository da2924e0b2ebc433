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
    let found: Offsets | undefined;
    for (const raw of pointer.slice(1).split('/')) {
      if (typeof node !== 'object' || node === null) return undefined;
      const container = this.#containers.get(node);
      if (container === undefined) return undefined;
      const segment = raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
      const entry = entryOf(container, segment);
      if (entry === -1) return undefined;
      const { offsets } = container;
      if (container.keys === undefined) {
        found = [offsets[2 * entry] ?? 0, offsets[2 * entry + 1] ?? 0, -1, -1];
        node = isJsonArray(node) ? node[entry] : undefined;
      } else {
        found = [offsets[4 * entry] ?? 0, offsets[4 * entry + 1] ?? 0, offsets[4 * entry + 2] ?? 0, offsets[4 * entry + 3] ?? 0];
        node = isJsonObject(node) ? node[segment] : undefined;
      }
    }
    return found;
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
