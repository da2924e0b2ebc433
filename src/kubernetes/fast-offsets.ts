import type { JsonObject, JsonValue } from './json.ts';
import { countJsonNodes, isJsonArray, isJsonObject } from './json.ts';
import type { Offsets, OffsetLookup } from './positions.ts';

/** Integers per mapping entry: value start and end, key start and end, the value's container (or -1). */
export const MAPPING_STRIDE = 5;
/** Integers per sequence entry: value start and end, the value's container (or -1). */
export const SEQUENCE_STRIDE = 3;

/** The buffer the store of the file being read writes to (grown as needed, never shrunk). */
let sharedData = new Int32Array(1 << 12);
/** The entries of the containers being read (numbers only: nothing of a file stays reachable through it). */
const sharedPending: number[] = [];

/**
 * The entry offsets of every mapping and sequence the fast loader read in one file, in one
 * Int32Array (written to a shared buffer while the file is read, then copied to its size; outside
 * the JavaScript heap: a scan that keeps thousands of objects for its project rules gives the
 * garbage collector nothing to trace here). A container is its entry count followed
 * by its entries (MAPPING_STRIDE or SEQUENCE_STRIDE integers each); it is addressed by the index of
 * that count. Mapping keys are the decoded object's own keys, which keep source order, except when a
 * key looks like an array index (JavaScript lists those first): such a mapping's keys are kept here.
 *
 * While a container is read, its entries wait on a stack shared by the whole file (a nested
 * container's entries are pushed above its parent's and leave when it is complete), so reading
 * allocates no array per container.
 */
export class OffsetStore {
  // While its file is read, a store writes to the shared buffer (files are read one at a time, and
  // a store that gave up is dropped); `trim` gives it its own exact copy. One buffer per file.
  #data = sharedData;
  #used = 0;
  // The stacks' tops are kept apart from the arrays' lengths: shortening an array makes V8 trim its
  // store, and the next entries then copy it into a new one (a reallocation per closed container).
  readonly #pending = sharedPending;
  #pendingTop = 0;
  readonly #pendingKeys: string[] = [];
  #keysTop = 0;
  readonly #explicitKeys = new Map<number, readonly string[]>();

  /** Where the entries of a container that starts now begin on the stack. */
  get mark(): number {
    return this.#pendingTop;
  }

  /** Where the keys of a mapping that starts now begin on the stack. */
  get keyMark(): number {
    return this.#keysTop;
  }

  mappingEntry(key: string, valueStart: number, valueEnd: number, keyStart: number, keyEnd: number, container: number): void {
    this.#pendingKeys[this.#keysTop] = key;
    this.#keysTop += 1;
    const pending = this.#pending;
    const top = this.#pendingTop;
    pending[top] = valueStart;
    pending[top + 1] = valueEnd;
    pending[top + 2] = keyStart;
    pending[top + 3] = keyEnd;
    pending[top + 4] = container;
    this.#pendingTop = top + MAPPING_STRIDE;
  }

  /** A duplicate key of the mapping whose entries and keys start at the marks: its entry takes the new value's offsets and the new key's. */
  replaceMappingEntry(mark: number, keyMark: number, key: string, valueStart: number, valueEnd: number, keyStart: number, keyEnd: number, container: number): void {
    const keys = this.#pendingKeys;
    let index = keyMark;
    while (index < this.#keysTop && keys[index] !== key) index += 1;
    const pending = this.#pending;
    const at = mark + (index - keyMark) * MAPPING_STRIDE;
    pending[at] = valueStart;
    pending[at + 1] = valueEnd;
    pending[at + 2] = keyStart;
    pending[at + 3] = keyEnd;
    pending[at + 4] = container;
  }

  sequenceEntry(valueStart: number, valueEnd: number, container: number): void {
    const pending = this.#pending;
    const top = this.#pendingTop;
    pending[top] = valueStart;
    pending[top + 1] = valueEnd;
    pending[top + 2] = container;
    this.#pendingTop = top + SEQUENCE_STRIDE;
  }

  /** Stores the mapping whose entries and keys start at the marks; returns its address. */
  closeMapping(mark: number, keyMark: number): number {
    const keys = this.#pendingKeys;
    const top = this.#keysTop;
    let explicit = false;
    for (let index = keyMark; index < top && !explicit; index += 1) explicit = isArrayIndex(keys[index] ?? '');
    const address = this.#close(mark, top - keyMark);
    if (explicit) this.#explicitKeys.set(address, keys.slice(keyMark, top));
    this.#keysTop = keyMark;
    return address;
  }

  /** Stores the sequence whose entries start at the mark; returns its address. */
  closeSequence(mark: number, count: number): number {
    return this.#close(mark, count);
  }

  #close(mark: number, count: number): number {
    const pending = this.#pending;
    const top = this.#pendingTop;
    const base = this.#used;
    const needed = base + 1 + top - mark;
    if (needed > this.#data.length) {
      const grown = new Int32Array(Math.max(needed, this.#data.length * 2));
      grown.set(this.#data.subarray(0, base));
      this.#data = grown;
      sharedData = grown;
    }
    const data = this.#data;
    data[base] = count;
    for (let index = mark; index < top; index += 1) data[base + 1 + index - mark] = pending[index] ?? -1;
    this.#pendingTop = mark;
    this.#used = needed;
    return base;
  }

  /** Takes the store's own copy of what it wrote to the shared buffer, and drops its keys stack (once the file is read). */
  trim(): void {
    this.#pendingKeys.length = 0;
    this.#pendingTop = 0;
    this.#keysTop = 0;
    this.#data = this.#data.slice(0, this.#used);
  }

  at(index: number): number {
    return this.#data[index] ?? -1;
  }

  /** The place of `key` among the keys of the mapping at `address` (in source order), or -1. */
  keyIndex(mapping: object, address: number, key: string): number {
    const explicit = this.#explicitKeys.get(address);
    if (explicit !== undefined) return explicit.indexOf(key);
    if (!Object.hasOwn(mapping, key)) return -1;
    // Own keys in `Object.keys` order, counted without building that array (this runs for every finding's pointer).
    let index = 0;
    for (const own in mapping) {
      if (own === key) return index;
      if (Object.hasOwn(mapping, own)) index += 1;
    }
    return -1;
  }
}

/** A property name that JavaScript orders before the others (a canonical array index). */
function isArrayIndex(key: string): boolean {
  // Most keys start with a letter: no regular expression (a literal here would be a new object per key).
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && ARRAY_INDEX.test(key) && Number(key) < 4294967295;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

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
   * undefined for a pointer that is neither empty nor starts with `/`. One walk from the root,
   * which allocates only the answer (and each segment's text).
   */
  deepest(pointer: string): { readonly length: number; readonly offsets: Offsets } | undefined {
    if (pointer === '') return { length: 0, offsets: this.#rootOffsets };
    if (!pointer.startsWith('/')) return undefined;
    const store = this.#store;
    let node: JsonValue | undefined = this.#root;
    let container = this.#rootContainer;
    // The deepest entry found: the address of its integers (-1: the root) and whether it is a mapping entry.
    let foundLength = 0;
    let foundAt = -1;
    let foundInMapping = false;
    let at = 0;
    while (at < pointer.length && container >= 0 && typeof node === 'object' && node !== null) {
      const next = pointer.indexOf('/', at + 1);
      const end = next === -1 ? pointer.length : next;
      const segment = unescape(pointer.slice(at + 1, end));
      const inMapping: boolean = !isJsonArray(node);
      const entry: number = inMapping ? store.keyIndex(node, container, segment) : indexOf(segment, store.at(container));
      if (entry === -1) break;
      const entryAt = container + 1 + entry * (inMapping ? MAPPING_STRIDE : SEQUENCE_STRIDE);
      foundLength = end;
      foundAt = entryAt;
      foundInMapping = inMapping;
      container = store.at(entryAt + (inMapping ? MAPPING_STRIDE : SEQUENCE_STRIDE) - 1);
      node = isJsonArray(node) ? node[entry] : isJsonObject(node) ? node[segment] : undefined;
      at = end;
    }
    if (foundAt === -1) return { length: 0, offsets: this.#rootOffsets };
    const offsets: Offsets = foundInMapping ? [store.at(foundAt), store.at(foundAt + 1), store.at(foundAt + 2), store.at(foundAt + 3)] : [store.at(foundAt), store.at(foundAt + 1), -1, -1];
    return { length: foundLength, offsets };
  }

  /** Entries of the document: every node of the value, the root included. */
  get size(): number {
    return countJsonNodes(this.#root);
  }
}

function unescape(segment: string): string {
  return segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : segment;
}

const SEQUENCE_INDEX = /^(?:0|[1-9]\d*)$/;

/** A sequence entry's index from a pointer segment, or -1 when it is not one below `count`. */
function indexOf(segment: string, count: number): number {
  if (!SEQUENCE_INDEX.test(segment)) return -1;
  const index = Number(segment);
  return index < count ? index : -1;
}
