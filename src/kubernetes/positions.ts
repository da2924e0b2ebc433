import type { Alias, Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, visit } from 'yaml';
import type { LineIndex, SourceRange } from '../core/index.ts';
import { toJsonPointer } from '../core/index.ts';
import { MAX_VALUE_DEPTH } from './json.ts';

/** Where one node of a manifest sits in its file (1-based, end exclusive). */
export interface NodeRanges {
  /** The value: a scalar's text (quotes included), a collection from its first to its last character. */
  readonly value: SourceRange;
  /** The key, when the node is the value of a mapping entry. */
  readonly key?: SourceRange;
}

export interface NearestNode {
  /** The pointer that exists: the one asked for, or its nearest ancestor. */
  readonly pointer: string;
  readonly ranges: NodeRanges;
  readonly exact: boolean;
}

/** Character offsets of a node: value start and end, then key start and end (-1 without a key). */
export type Offsets = readonly [number, number, number, number];

/** Where the offsets come from: a map built from the `yaml` library's tree, or the fast loader's containers. */
export interface OffsetLookup {
  get(pointer: string): Offsets | undefined;
  /** The longest prefix of `pointer` (whole segments) that names a node, found in one walk (optional). */
  deepest?(pointer: string): { readonly length: number; readonly offsets: Offsets } | undefined;
  /** Entries (nodes) of the whole document. */
  readonly size: number;
}

/**
 * Maps RFC 6901 JSON pointers of one document to source ranges. Offsets are kept and turned into
 * lines and columns only when asked for. A scoped view (a `List` item) shares the entries of its
 * document and prefixes every pointer it is asked for.
 */
export class PositionMap {
  readonly #entries: OffsetLookup;
  readonly #lines: LineIndex;
  readonly #prefix: string;

  constructor(entries: OffsetLookup, lines: LineIndex, prefix = '') {
    this.#entries = entries;
    this.#lines = lines;
    this.#prefix = prefix;
  }

  get(pointer: string): NodeRanges | undefined {
    const offsets = this.#entries.get(this.#prefix + pointer);
    return offsets === undefined ? undefined : this.#rangesOf(offsets);
  }

  #rangesOf(offsets: Offsets): NodeRanges {
    // Indexed, not destructured: outside optimised code a destructuring walks an iterator.
    const value = this.#lines.rangeOf(offsets[0], offsets[1]);
    return offsets[2] === -1 ? { value } : { value, key: this.#lines.rangeOf(offsets[2], offsets[3]) };
  }

  /** The node at `pointer`, or else its nearest existing ancestor (this map's root at worst). */
  nearest(pointer: string): NearestNode | undefined {
    let current = pointer.startsWith('/') ? pointer : '';
    const found = this.#entries.deepest?.(this.#prefix + current);
    if (this.#entries.deepest !== undefined) {
      if (found === undefined || found.length < this.#prefix.length) return undefined;
      const existing = current.slice(0, found.length - this.#prefix.length);
      return { pointer: existing, ranges: this.#rangesOf(found.offsets), exact: existing === pointer };
    }
    for (;;) {
      const ranges = this.get(current);
      if (ranges !== undefined) return { pointer: current, ranges, exact: current === pointer };
      if (current === '') return undefined;
      current = current.slice(0, current.lastIndexOf('/'));
    }
  }

  /** Entries of the whole document (a scoped view counts its document's). */
  get size(): number {
    return this.#entries.size;
  }

  /** A view whose pointers are relative to `prefix` (for example `/items/2`). */
  scoped(prefix: string): PositionMap {
    return new PositionMap(this.#entries, this.#lines, this.#prefix + prefix);
  }
}

interface MergeSource {
  readonly node: YAMLMap;
  readonly viaAlias: boolean;
}


/**
 * Walks a composed YAML document once and records the ranges of every node by JSON pointer,
 * following the same rules as the value the document decodes to: a duplicate key's last
 * value wins, explicit keys win over `<<` merge keys, and earlier merge sources over later
 * ones. Nodes reached through an alias map to their anchor's definition, within a budget
 * proportional to the document's size so that aliases cannot blow the map up.
 */
export function buildPositionMap(document: Document.Parsed, lines: LineIndex, text: string): PositionMap {
  return new PositionMap(new PositionMapBuilder(document, text).build(), lines);
}

class PositionMapBuilder {
  readonly #document: Document.Parsed;
  readonly #text: string;
  readonly #entries = new Map<string, Offsets>();
  /** Collections on the current path: an alias to one of them is a cycle and is not followed. */
  readonly #path = new Set<Node>();
  #aliasBudget: number;
  #aliasTargets: Map<Alias, Node> | undefined;

  constructor(document: Document.Parsed, text: string) {
    this.#document = document;
    this.#text = text;
    const [start, end] = document.range;
    this.#aliasBudget = end - start + 1000;
  }

  build(): Map<string, Offsets> {
    const root = this.#document.contents;
    if (isNode(root)) this.#walk(root, '', undefined, 0, false);
    return this.#entries;
  }

  #walk(node: Node, pointer: string, key: Node | undefined, depth: number, viaAlias: boolean): void {
    // The decoded value was checked against the same limit; this only keeps the walk's stack bounded.
    if (depth > MAX_VALUE_DEPTH) return;
    if (viaAlias) {
      if (this.#aliasBudget <= 0) return;
      this.#aliasBudget -= 1;
    }
    const value = this.#spanOf(node);
    if (value === undefined) return;
    const keySpan = key === undefined ? undefined : this.#spanOf(key);
    this.#entries.set(pointer, [value[0], value[1], keySpan?.[0] ?? -1, keySpan?.[1] ?? -1]);
    if (!isAlias(node)) {
      this.#walkChildren(node, pointer, depth, viaAlias);
      return;
    }
    const target = this.#resolve(node);
    if (target !== undefined) this.#walkChildren(target, pointer, depth, true);
  }

  #walkChildren(node: Node, pointer: string, depth: number, viaAlias: boolean): void {
    if (this.#path.has(node)) return;
    this.#path.add(node);
    this.#walkCollection(node, pointer, depth, viaAlias);
    this.#path.delete(node);
  }

  #walkCollection(node: Node, pointer: string, depth: number, viaAlias: boolean): void {
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (isNode(item)) this.#walk(item, `${pointer}/${index}`, undefined, depth + 1, viaAlias);
      });
      return;
    }
    if (isMap(node)) this.#walkMap(node.items, pointer, depth, viaAlias, new Set());
  }

  /** `taken`: keys already set by a mapping of higher precedence (the one a merge key sits in). */
  #walkMap(pairs: readonly unknown[], pointer: string, depth: number, viaAlias: boolean, taken: Set<string>): void {
    const explicit = new Map<string, Pair>();
    const mergeValues: Node[] = [];
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        if (isNode(pair.value)) mergeValues.push(pair.value);
        continue;
      }
      const segment = keySegment(pair.key);
      if (segment !== undefined && !taken.has(segment)) explicit.set(segment, pair);
    }
    for (const [segment, pair] of explicit) {
      taken.add(segment);
      const child = pointer + toJsonPointer([segment]);
      const keyNode = isNode(pair.key) ? pair.key : undefined;
      const valueNode = isNode(pair.value) ? pair.value : keyNode;
      if (valueNode !== undefined) this.#walk(valueNode, child, keyNode, depth + 1, viaAlias);
    }
    for (const source of this.#mergeSources(mergeValues)) {
      if (this.#path.has(source.node)) continue;
      this.#path.add(source.node);
      this.#walkMap(source.node.items, pointer, depth, viaAlias || source.viaAlias, taken);
      this.#path.delete(source.node);
    }
  }

  /** The mappings a `<<` value names, in order: a mapping, an alias of one, or a sequence of those. */
  #mergeSources(values: readonly Node[]): MergeSource[] {
    const sources: MergeSource[] = [];
    const add = (value: unknown): void => {
      const resolved = isAlias(value) ? this.#resolve(value) : value;
      if (isMap(resolved)) sources.push({ node: resolved, viaAlias: isAlias(value) });
    };
    for (const value of values) {
      const resolved = isAlias(value) ? this.#resolve(value) : value;
      if (isSeq(resolved)) resolved.items.forEach(add);
      else add(value);
    }
    return sources;
  }

  #resolve(alias: Alias): Node | undefined {
    this.#aliasTargets ??= indexAliases(this.#document);
    return this.#aliasTargets.get(alias);
  }

  #spanOf(node: Node): readonly [number, number] | undefined {
    const start = node.range?.[0];
    if (start === undefined) return undefined;
    let end = endOffset(node);
    while (end > start && isWhitespace(this.#text.charCodeAt(end - 1))) end -= 1;
    return [start, end];
  }
}

/** The end of a node's own text: a block collection ends with its last entry, not the comments or blank lines after it. */
function endOffset(node: Node): number {
  let current: Node = node;
  for (;;) {
    if (!(isMap(current) || isSeq(current)) || current.flow === true) break;
    const last: unknown = current.items.at(-1);
    const next = isPair(last) ? (isNode(last.value) ? last.value : last.key) : last;
    if (!isNode(next)) break;
    current = next;
  }
  return current.range?.[1] ?? 0;
}

/** Each alias mapped to the last node anchored with its name before it (YAML's rule), in one pass. */
function indexAliases(document: Document.Parsed): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target !== undefined) targets.set(node, target);
        return;
      }
      if (typeof node.anchor === 'string') anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** The object key a mapping key decodes to (as the YAML library's plain-object conversion does). */
function keySegment(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (!isScalar(key)) return undefined;
  const { value } = key;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
