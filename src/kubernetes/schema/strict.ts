import { toJsonPointer } from '../../core/index.ts';

/**
 * Strict unknown-field detection for precompiled validators that do not reject unknown fields.
 * The validator is run on a read-tracking view of the object: a compiled schema reads every
 * property it declares (`data.minReadySeconds`, required or not) and enumerates the keys of maps
 * (`additionalProperties`, e.g. labels). So, per object node reached during validation:
 * - keys enumerated: a map, every key is allowed;
 * - no key read at all: an opaque value (`RawExtension`, free-form JSON), not checked;
 * - otherwise: an own key the validator never read is an unknown field.
 * Nodes the validator never reached (under a value of the wrong type) are not judged. Nodes are
 * told apart by identity (a YAML alias shared by two places merges their reads).
 */
export interface FieldTrace {
  /** Keys read per object node. */
  readonly reads: ReadonlyMap<object, ReadonlySet<string>>;
  /** Object nodes whose keys were enumerated (maps). */
  readonly enumerated: ReadonlySet<object>;
}

export interface UnknownField {
  readonly pointer: string;
  readonly field: string;
  /** The fields the schema declares at that level (for "did you mean"). */
  readonly known: readonly string[];
}

/** Runs `validate` on a tracking view of `value` and returns its result with the trace of reads. */
export function traceFields<T>(value: object, validate: (view: unknown) => T): { readonly result: T; readonly trace: FieldTrace } {
  const reads = new Map<object, Set<string>>();
  const enumerated = new Set<object>();
  const views = new Map<object, object>();
  const view = (target: object): object => {
    const existing = views.get(target);
    if (existing !== undefined) return existing;
    const keys = new Set<string>();
    if (!Array.isArray(target)) reads.set(target, keys);
    const proxy = new Proxy(target, {
      get(object, key) {
        const child: unknown = Reflect.get(object, key);
        if (typeof key !== 'string') return child;
        keys.add(key);
        return typeof child === 'object' && child !== null && Object.hasOwn(object, key) ? view(child) : child;
      },
      ownKeys(object) {
        enumerated.add(object);
        return Reflect.ownKeys(object);
      },
    });
    views.set(target, proxy);
    return proxy;
  };
  const result = validate(view(value));
  return { result, trace: { reads, enumerated } };
}

/** Where a node on a walk is: its pointer is built only for the fields reported (most nodes are known). */
export interface PathEntry {
  readonly parent: PathEntry | undefined;
  readonly key: string;
}

interface WalkEntry extends PathEntry {
  readonly node: unknown;
  readonly parent: WalkEntry | undefined;
}

/** The JSON pointer of the field `key` of the node at `entry`. */
export function pointerOf(entry: PathEntry | undefined, key: string): string {
  const keys = [key];
  for (let current = entry; current?.parent !== undefined; current = current.parent) keys.push(current.key);
  return toJsonPointer(keys.reverse());
}

/** Unknown fields of `value` according to a trace, but those `ignored` accepts (neither reported nor counted); at most `limit`. */
export function unknownFields(value: object, trace: FieldTrace, limit: number, ignored: (field: string) => boolean = () => false): UnknownField[] {
  const found: UnknownField[] = [];
  const stack: WalkEntry[] = [{ node: value, parent: undefined, key: '' }];
  for (let entry = stack.pop(); entry !== undefined && found.length < limit; entry = stack.pop()) {
    const { node } = entry;
    if (typeof node !== 'object' || node === null) continue;
    const keys = trace.reads.get(node);
    const judged = keys !== undefined && keys.size > 0 && !trace.enumerated.has(node);
    for (const [key, child] of Object.entries(node)) {
      if (judged && !keys.has(key)) {
        if (!ignored(key)) found.push({ pointer: pointerOf(entry, key), field: key, known: [...keys] });
      } else if (typeof child === 'object' && child !== null) stack.push({ node: child, parent: entry, key });
    }
  }
  return found.slice(0, limit);
}
