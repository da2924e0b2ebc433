import type { SourceDocument } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import type { JsonObject, JsonValue, KubernetesObjectArtifact } from '../kubernetes/index.ts';
import { PositionMap, createKubernetesObjectArtifact, isJsonArray, isJsonObject } from '../kubernetes/index.ts';
import { countJsonNodes } from '../kubernetes/json.ts';
import type { BlockYaml, ContainerOffsets } from './yaml-text.ts';
import { writeBlockYaml } from './yaml-text.ts';

/** An admitted object's document, and its Kubernetes artifact when it was built without reading the text back. */
export interface AdmittedDocument {
  readonly document: SourceDocument;
  /**
   * The artifact the manifest loader would make of `document`, built from the object and the offsets
   * recorded while writing the text; undefined when the loader must read the text (see `directArtifactOf`).
   */
  readonly artifact: KubernetesObjectArtifact | undefined;
}

/** Deeper objects are left to the loader (its single-pass reader gives up at 100 levels; none comes close). */
const MAX_DIRECT_DEPTH = 64;
/** Longer keys are left to the loader (its single-pass reader gives up on keys over 1,000 characters). */
const MAX_DIRECT_KEY = 512;
/** What the loader's single-pass reader leaves to the `yaml` library, and U+FFFD (the loader reports it). */
// eslint-disable-next-line no-control-regex
const LOADER_SENSITIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029\ufffd]/;

/**
 * The object's document (`path`, the object as block YAML) and, for an ordinary object, its artifact
 * built straight from the object: the manifest loader would read the text back into an equal value
 * with the offsets the writer recorded, so reading it is skipped. Anything the loader treats
 * specially (a `List`, no apiVersion or kind, characters its fast reader leaves to the `yaml`
 * library, deep nesting, long keys, -0, an object shared by two fields) gets no artifact, and the loader reads the text as before.
 */
export function admittedDocumentOf(path: string, object: JsonObject): AdmittedDocument {
  const written = writeBlockYaml(object);
  const document = createSourceDocument(path, written.text);
  return { document, artifact: directArtifactOf(document, object, written) };
}

function directArtifactOf(document: SourceDocument, object: JsonObject, written: BlockYaml): KubernetesObjectArtifact | undefined {
  if (!isOrdinaryObject(object) || written.depth > MAX_DIRECT_DEPTH || written.longestKey > MAX_DIRECT_KEY) return undefined;
  if (written.negativeZero || written.shared || LOADER_SENSITIVE.test(written.text)) return undefined;
  const offsets = new WrittenOffsets(written.containers, object, [written.start, written.end, -1, -1]);
  const positions = new PositionMap(offsets, document.lines);
  return createKubernetesObjectArtifact(document, { object, documentIndex: 0, itemIndex: undefined, positions });
}

/** A string apiVersion and kind (as the loader requires), and no `List` kind (the loader expands its items). */
function isOrdinaryObject(object: JsonObject): boolean {
  const { apiVersion, kind } = object;
  return typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== '' && !kind.endsWith('List');
}

type Offsets = readonly [number, number, number, number];

/**
 * Pointer → offsets of the written text (the loader's `OffsetLookup`): a lookup follows the pointer
 * through the object and reads the offsets its containers recorded while they were written.
 */
class WrittenOffsets {
  readonly #containers: ReadonlyMap<object, ContainerOffsets>;
  readonly #root: JsonValue;
  readonly #rootOffsets: Offsets;

  constructor(containers: ReadonlyMap<object, ContainerOffsets>, root: JsonValue, rootOffsets: Offsets) {
    this.#containers = containers;
    this.#root = root;
    this.#rootOffsets = rootOffsets;
  }

  get(pointer: string): Offsets | undefined {
    if (pointer === '') return this.#rootOffsets;
    if (!pointer.startsWith('/')) return undefined;
    let node: JsonValue | undefined = this.#root;
    let found: Offsets | undefined;
    for (const raw of pointer.slice(1).split('/')) {
      const container: ContainerOffsets | undefined = typeof node === 'object' && node !== null ? this.#containers.get(node) : undefined;
      if (container === undefined) return undefined;
      const segment = raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
      const { keys, offsets }: ContainerOffsets = container;
      const entry: number = keys === undefined ? indexOf(segment, offsets.length / 2) : keys.indexOf(segment);
      if (entry === -1) return undefined;
      const stride = keys === undefined ? 2 : 4;
      const at = entry * stride;
      found = keys === undefined ? [offsets[at] ?? 0, offsets[at + 1] ?? 0, -1, -1] : [offsets[at] ?? 0, offsets[at + 1] ?? 0, offsets[at + 2] ?? 0, offsets[at + 3] ?? 0];
      node = isJsonArray(node) ? node[entry] : isJsonObject(node) ? node[segment] : undefined;
    }
    return found;
  }

  /** Entries of the document: every node of the value, the root included. */
  get size(): number {
    return countJsonNodes(this.#root);
  }
}

/** A sequence entry's index from a pointer segment, or -1 when it is not one below `count`. */
function indexOf(segment: string, count: number): number {
  if (!/^(?:0|[1-9]\d*)$/.test(segment)) return -1;
  const index = Number(segment);
  return index < count ? index : -1;
}
