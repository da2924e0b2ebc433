import type { JsonObject, JsonValue } from './json.ts';
import { countJsonNodes, isJsonArray, isJsonObject } from './json.ts';
import type { Offsets, OffsetLookup } from './positions.ts';

/** Integers per mapping entry: value start and end, key start and end, the value's container (or -1). */
export const MAPPING_STRIDE = 5;
/** Integers per sequence entry: value start and end, the value's container (or -1). */
export const SEQUENCE_STRIDE = 3;

/**
 * The entry offsets of every mapping and sequence the fast loader read in one file, in one growing
 * Int32Array (outside the JavaScript heap: a scan that keeps thousands of objects for its project
 * rules gives the garbage collector nothing to trace here). A container is its entry count followed
 * by its entries (MAPPING_STRIDE or SEQUENCE_STRIDE integers each); it is addressed by the index of
 * that count. Mapping keys are the decoded object's own keys, which keep source order, except when a
 * key looks like an array index (JavaScript lists those first): such a mapping's keys are kept here.
 *
 * While a container is read, its entries wait on a stack shared by the whole file (a nested
 * container's entries are pushed above its parent's and leave when it is complete), so reading
 * allocates no array per container.
 */
export class OffsetStore {
  #data = new Int32Array(256);
  #used = 0;
  readonly #pending: number[] = [];
  readonly #pendingKeys: string[] = [];
  readonly #explicitKeys = new Map<number, readonly string[]>();

  /** Where the entries of a container that starts now begin on the stack. */
  get mark(): number {
    return this.#pending.length;
  }

  /** Where the keys of a mapping that starts now begin on the stack. */
  get keyMark(): number {
    return this.#pendingKeys.length;
  }

  mappingEntry(key: string, valueStart: number, valueEnd: number, keyStart: number, keyEnd: number, container: number): void {
    this.#pendingKeys.push(key);
    this.#pending.push(valueStart, valueEnd, keyStart, keyEnd, container);
  }

  sequenceEntry(valueStart: number, valueEnd: number, container: number): void {
    this.#pending.push(valueStart, valueEnd, container);
  }

  /** Stores the mapping whose entries and keys start at the marks; returns its address. */
  closeMapping(mark: number, keyMark: number): number {
    const keys = this.#pendingKeys;
    let explicit = false;
    for (let index = keyMark; index < keys.length && !explicit; index += 1) explicit = isArrayIndex(keys[index] ?? '');
    const address = this.#close(mark, keys.length - keyMark);
    if (explicit) this.#explicitKeys.set(address, keys.slice(keyMark));
    keys.length = keyMark;
    return address;
  }

  /** Stores the sequence whose entries start at the mark; returns its address. */
  closeSequence(mark: number, count: number): number {
    return this.#close(mark, count);
  }

  #close(mark: number, count: number): number {
    const pending = this.#pending;
    const base = this.#used;
    const needed = base + 1 + pending.length - mark;
    if (needed > this.#data.length) {
      const grown = new Int32Array(Math.max(needed, this.#data.length * 2));
      grown.set(this.#data.subarray(0, base));
      this.#data = grown;
    }
    const data = this.#data;
    data[base] = count;
    for (let index = mark; index < pending.length; index += 1) data[base + 1 + index - mark] = pending[index] ?? -1;
    pending.length = mark;
    this.#used = needed;
    return base;
  }

  /** Releases the unused end of the buffer (once the file is read). */
  trim(): void {
    if (this.#used < this.#data.length) this.#data = this.#data.slice(0, this.#used);
  }

  at(index: number): number {
    return this.#data[index] ?? -1;
  }

  /** The keys of the mapping at `address`, in source order. */
  keysOf(mapping: object, address: number): readonly string[] {
    return this.#explicitKeys.get(address) ?? Object.keys(mapping);
  }
}

/** A property name that JavaScript orders before the others (a canonical array index). */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** One entry of a container: its offsets, the address of its own entries (-1 for a scalar) and its value. */
interface EntryAt {
  readonly offsets: Offsets;
  readonly container: number;
  readonly value: JsonValue | undefined;
}

/**
 * Pointer → offsets for a document read by the fast loader: nothing is computed per pointer in
 * advance; a lookup follows the pointer through the decoded value and the containers' entries.
 */
export class FastOffsets implements OffsetLookup {
  readonly #store: OffsetStore;
  readonly #root: JsonValue;
  readonly #rootContainer: number;
  readonly #rootOffsets: Offsets;

  constructor(store: OffsetStore, root: JsonValue, rootContainer: number, start: number, end: number) {
    this.#store = store;
    this.#root = root;
    this.#rootContainer = rootContainer;
    this.#rootOffsets = [start, end, -1, -1];
  }

  get(pointer: string): Offsets | undefined {
    const found = this.deepest(pointer);
    return found !== undefined && found.length === pointer.length ? found.offsets : undefined;
  }

  /**
   * The longest prefix of `pointer` (whole segments) that names a node, with that node's offsets;
   * undefined for a pointer that is neither empty nor starts with `/`. One walk from the root.
   */
  deepest(pointer: string): { readonly length: number; readonly offsets: Offsets } | undefined {
    if (pointer === '') return { length: 0, offsets: this.#rootOffsets };
    if (!pointer.startsWith('/')) return undefined;
    let node: JsonValue | undefined = this.#root;
    let container = this.#rootContainer;
    let found: { length: number; offsets: Offsets } = { length: 0, offsets: this.#rootOffsets };
    let at = 0;
    while (at < pointer.length) {
      const next = pointer.indexOf('/', at + 1);
      const end = next === -1 ? pointer.length : next;
      const offsets: EntryAt | undefined = container < 0 || typeof node !== 'object' || node === null ? undefined : this.#entry(node, container, unescape(pointer.slice(at + 1, end)));
      if (offsets === undefined) return found;
      found = { length: end, offsets: offsets.offsets };
      container = offsets.container;
      node = offsets.value;
      at = end;
    }
    return found;
  }

  /** The entry named `segment` of a container: its offsets, its own container's address and its value. */
  #entry(node: JsonObject | readonly JsonValue[], container: number, segment: string): EntryAt | undefined {
    const store = this.#store;
    if (isJsonArray(node)) {
      const entry = indexOf(segment, store.at(container));
      if (entry === -1) return undefined;
      const at = container + 1 + entry * SEQUENCE_STRIDE;
      return { offsets: [store.at(at), store.at(at + 1), -1, -1], container: store.at(at + 2), value: node[entry] };
    }
    const entry = store.keysOf(node, container).indexOf(segment);
    if (entry === -1) return undefined;
    const at = container + 1 + entry * MAPPING_STRIDE;
    return { offsets: [store.at(at), store.at(at + 1), store.at(at + 2), store.at(at + 3)], container: store.at(at + 4), value: isJsonObject(node) ? node[segment] : undefined };
  }

  /** Entries of the document: every node of the value, the root included. */
  get size(): number {
    return countJsonNodes(this.#root);
  }
}

function unescape(segment: string): string {
  return segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : segment;
}

/** A sequence entry's index from a pointer segment, or -1 when it is not one below `count`. */
function indexOf(segment: string, count: number): number {
  if (!/^(?:0|[1-9]\d*)$/.test(segment)) return -1;
  const index = Number(segment);
  return index < count ? index : -1;
}
