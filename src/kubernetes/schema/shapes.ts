import type { FieldTrace, PathEntry, UnknownField } from './strict.ts';
import { pointerOf } from './strict.ts';

/**
 * What traced runs of one precompiled validator taught about the object nodes at one place of
 * the schema, so that a valid object can be checked for unknown fields without the read-tracking
 * proxy (a trap per property read: in a CLI run it cost about as much as validating). A place is
 * the path from the root with array items and map values folded into one child. Learned only from runs without errors:
 * then every node reached has its schema's type, and the generated code of the bundled schemas
 * (no `anyOf`/`oneOf` over objects, no discriminators) reads the same keys, in the same order,
 * at a place whatever the data.
 * - `struct`: the declared keys (read by the validator); other keys are unknown fields.
 * - `map`: keys enumerated (`additionalProperties`); values share `child`.
 * - `open`: reached, no key read (free-form JSON): not judged, nothing below is reached.
 * - `unreached`: never reached (a map whose values are not validated): not judged.
 * - `array`: items share `child`.
 */
type Shape =
  | { readonly kind: 'struct'; readonly known: readonly string[]; readonly keys: ReadonlySet<string>; readonly children: Map<string, Shape> }
  | { readonly kind: 'map' | 'array'; child: Shape | undefined }
  | { readonly kind: 'open' | 'unreached' };

interface ShapeEntry extends PathEntry {
  readonly node: object;
  readonly shape: Shape;
  readonly parent: ShapeEntry | undefined;
}

/**
 * The learned shapes of one validator. `unknownFields` answers exactly as `unknownFields(value,
 * traceFields(value, validate).trace, limit)` of strict.ts would for a valid `value`, or
 * undefined when it cannot be sure: a place not learned yet, a node shared by two places (a YAML
 * alias: the trace merges their reads), or a validator whose runs disagreed (never trusted again).
 */
export class FieldShapes {
  #root: Shape | undefined;
  #unstable = false;

  /** Unknown fields of a valid object (the validator returned no errors), or undefined: trace it instead. */
  unknownFields(value: object, limit: number, ignored: (field: string) => boolean = () => false): UnknownField[] | undefined {
    if (this.#root === undefined || this.#unstable) return undefined;
    const found: UnknownField[] = [];
    const seen = new Set<object>();
    const stack: ShapeEntry[] = [{ node: value, shape: this.#root, parent: undefined, key: '' }];
    for (let entry = stack.pop(); entry !== undefined && found.length < limit; entry = stack.pop()) {
      const { node, shape } = entry;
      if (seen.has(node)) return undefined;
      seen.add(node);
      const keys = Object.keys(node);
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index] ?? '';
        const child: unknown = Reflect.get(node, key);
        if (shape.kind === 'struct' && !shape.keys.has(key)) {
          if (!ignored(key)) found.push({ pointer: pointerOf(entry, key), field: key, known: shape.known });
          continue;
        }
        if (typeof child !== 'object' || child === null) continue;
        const next = childShape(shape, key);
        if (next === undefined) return undefined;
        stack.push({ node: child, shape: next, parent: entry, key });
      }
    }
    return found.slice(0, limit);
  }

  /** Learns the shapes of a run without errors; a place that disagrees with what was learned makes the validator unstable. */
  learn(value: object, trace: FieldTrace): void {
    if (this.#unstable || !isTree(value)) return;
    const stack: { readonly node: object; readonly slot: Slot }[] = [{ node: value, slot: { get: () => this.#root, set: (shape) => (this.#root = shape) } }];
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      const shape = merge(entry.slot, shapeOf(entry.node, trace));
      if (shape === undefined) return this.#distrust();
      for (const [key, child] of Object.entries(entry.node)) {
        if (typeof child !== 'object' || child === null) continue;
        const slot = slotOf(shape, key);
        if (slot !== undefined) stack.push({ node: child, slot });
      }
    }
  }

  #distrust(): void {
    this.#unstable = true;
    this.#root = undefined;
  }
}

/** True when no object node of `value` is reachable twice (YAML aliases can share one). */
function isTree(value: object): boolean {
  const seen = new Set<object>();
  const stack: object[] = [value];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (seen.has(node)) return false;
    seen.add(node);
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return true;
}

interface Slot {
  get(): Shape | undefined;
  set(shape: Shape): void;
}

/** The shape a trace gives one node (children not filled in yet). */
function shapeOf(node: object, trace: FieldTrace): Shape {
  if (Array.isArray(node)) return { kind: 'array', child: undefined };
  const keys = trace.reads.get(node);
  if (keys === undefined) return { kind: 'unreached' };
  if (trace.enumerated.has(node)) return { kind: 'map', child: undefined };
  if (keys.size === 0) return { kind: 'open' };
  return { kind: 'struct', known: Object.freeze([...keys]), keys, children: new Map() };
}

/** Stores `found` in an empty slot, or checks it against the shape already there; undefined when they disagree. */
function merge(slot: Slot, found: Shape): Shape | undefined {
  const existing = slot.get();
  if (existing === undefined) {
    slot.set(found);
    return found;
  }
  if (existing.kind !== found.kind) return undefined;
  if (existing.kind === 'struct' && found.kind === 'struct' && !sameKeys(existing.known, found.known)) return undefined;
  return existing;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => b[index] === key);
}

/** Where the shape of the child at `key` is kept; undefined for children never judged (unknown fields, nodes below `open`/`unreached`). */
function slotOf(shape: Shape, key: string): Slot | undefined {
  switch (shape.kind) {
    case 'struct': {
      if (!shape.keys.has(key)) return undefined;
      const { children } = shape;
      return { get: () => children.get(key), set: (child) => children.set(key, child) };
    }
    case 'map':
    case 'array':
      return { get: () => shape.child, set: (child) => (shape.child = child) };
    default:
      return undefined;
  }
}

/** The learned shape of the child at `key`: nodes below `open` and `unreached` nodes are never reached. */
function childShape(shape: Shape, key: string): Shape | undefined {
  switch (shape.kind) {
    case 'struct':
      return shape.children.get(key);
    case 'map':
    case 'array':
      return shape.child;
    default:
      return UNREACHED;
  }
}

const UNREACHED: Shape = { kind: 'unreached' };
