import type { LayerEntry } from './entry.ts';

/** Symbolic links followed while resolving one path before giving up (Linux uses 40). */
export const MAX_SYMLINK_HOPS = 40;

interface Node {
  /** Index of the layer that last wrote the node (-1: the root, or a directory no layer lists). */
  layer: number;
  entry: LayerEntry | undefined;
  /** Set for directories. */
  readonly children: Map<string, Node> | undefined;
}

interface Located {
  readonly parent: Node;
  readonly name: string;
  readonly node: Node | undefined;
  /** The canonical path (intermediate symlinks resolved). */
  readonly path: string;
}

/** What became of a path a layer wrote, in the final image. */
export type Fate = 'present' | 'replaced' | 'deleted';

export interface ViewFile {
  readonly path: string;
  readonly layer: number;
  readonly entry: LayerEntry;
}

function directory(layer: number, entry: LayerEntry | undefined): Node {
  return { layer, entry, children: new Map() };
}

/** Climbs back to `depth` components below the root (the node list keeps the root first). */
function truncate(names: string[], nodes: Node[], depth: number): void {
  names.length = depth;
  nodes.length = depth + 1;
}

function partsOf(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/**
 * The merged filesystem of an image, built from the layers' entry lists alone (no file content):
 * path → the layer that provides it. Whiteouts delete from lower layers, opaque markers hide a
 * directory's lower content, a non-directory replaces a lower directory with all it held. Symbolic
 * links resolve only inside this tree: `..` stops at the root, absolute targets start at the image
 * root, and more than `MAX_SYMLINK_HOPS` links in one resolution count as a loop.
 */
export class FinalView {
  readonly #root: Node = directory(-1, undefined);

  /** Layers bottom first, each the entries of one layer in archive order. */
  static build(layers: readonly (readonly LayerEntry[])[]): FinalView {
    const view = new FinalView();
    layers.forEach((entries, index) => view.#apply(entries, index));
    return view;
  }

  #apply(entries: readonly LayerEntry[], layer: number): void {
    for (const entry of entries) {
      if (entry.type === 'whiteout') this.#remove(entry.path);
      else if (entry.type === 'opaque') this.#makeOpaque(entry.path);
    }
    for (const entry of entries) {
      if (entry.type !== 'whiteout' && entry.type !== 'opaque') this.#place(entry, layer);
    }
  }

  #remove(path: string): void {
    const located = this.#locate(path, false, undefined);
    if (located?.node !== undefined && located.name !== '') located.parent.children?.delete(located.name);
  }

  #makeOpaque(path: string): void {
    const located = this.#locate(path, false, undefined);
    located?.node?.children?.clear();
  }

  #place(entry: LayerEntry, layer: number): void {
    const located = this.#locate(entry.path, false, layer);
    if (located === undefined || located.name === '') return;
    const { parent, name, node } = located;
    if (entry.type === 'directory' && node?.children !== undefined) {
      node.layer = layer;
      node.entry = entry;
      return;
    }
    parent.children?.set(name, entry.type === 'directory' ? directory(layer, entry) : { layer, entry, children: undefined });
  }

  /**
   * Walks a path from the root. Intermediate symlinks are always followed; the last component only
   * when `followLast`. With `createLayer`, missing or non-directory intermediates become directories
   * of that layer (placing an entry); without it, they end the walk (a lookup).
   */
  #locate(path: string, followLast: boolean, createLayer: number | undefined): Located | undefined {
    const pending = partsOf(path);
    const names: string[] = [];
    const nodes: Node[] = [this.#root];
    let hops = 0;
    for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
      const current = nodes.at(-1) ?? this.#root;
      if (part === '..') {
        truncate(names, nodes, Math.max(0, names.length - 1));
        continue;
      }
      const child = current.children?.get(part);
      const last = pending.length === 0;
      if (child?.entry?.type === 'symlink' && (!last || followLast)) {
        hops += 1;
        if (hops > MAX_SYMLINK_HOPS) return undefined;
        const target = child.entry.target ?? '';
        if (target.startsWith('/')) truncate(names, nodes, 0);
        pending.unshift(...partsOf(target));
        continue;
      }
      if (last) return { parent: current, name: part, node: child, path: [...names, part].join('/') };
      const next = child?.children !== undefined ? child : createLayer === undefined ? undefined : directory(createLayer, undefined);
      if (next === undefined) return undefined;
      if (next !== child) current.children?.set(part, next);
      names.push(part);
      nodes.push(next);
    }
    const end = nodes.at(-1) ?? this.#root;
    const parent = nodes.at(-2) ?? this.#root;
    return { parent, name: names.at(-1) ?? '', node: end, path: names.join('/') };
  }

  /** The entry at a path and the layer providing it (intermediate symlinks followed, the last not). */
  lookup(path: string): { readonly layer: number; readonly entry: LayerEntry | undefined } | undefined {
    const node = this.#locate(path, false, undefined)?.node;
    return node === undefined ? undefined : { layer: node.layer, entry: node.entry };
  }

  /** The canonical path after following every symlink inside the image, or undefined (missing, loop). */
  resolve(path: string): string | undefined {
    const located = this.#locate(path, true, undefined);
    return located?.node === undefined ? undefined : located.path;
  }

  /** Whether the file a layer wrote at `path` is what the final image shows there. */
  fate(layer: number, path: string): Fate {
    const found = this.lookup(path);
    if (found === undefined) return 'deleted';
    return found.layer === layer ? 'present' : 'replaced';
  }

  /** Every non-directory in the final image, depth first in name order. */
  *files(): Generator<ViewFile> {
    const stack: [string, Node][] = [['', this.#root]];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const [path, node] = item;
      if (node.children === undefined) {
        if (node.entry !== undefined) yield { path, layer: node.layer, entry: node.entry };
        continue;
      }
      const names = [...node.children.keys()].sort().reverse();
      for (const name of names) {
        const child = node.children.get(name);
        if (child !== undefined) stack.push([path === '' ? name : `${path}/${name}`, child]);
      }
    }
  }
}
