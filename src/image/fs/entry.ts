/** What one tar entry of a layer means for the image filesystem. */
export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';

/**
 * One entry of a layer, as recorded by the first (and only) pass over it. `path` is relative to the
 * image root, normalised (`a/b`, no leading `/`, no `.` or `..` parts; `''` is the root itself).
 * For a `whiteout` it is the path deleted from lower layers; for `opaque`, the directory whose lower
 * content is hidden. `target` is the link target: a symlink's text as written, a hard link's
 * normalised path.
 */
export interface LayerEntry {
  readonly path: string;
  readonly type: EntryType;
  readonly size: number;
  readonly target?: string;
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/**
 * Normalises a tar entry name against the image root: `./a//b/` → `a/b`, `/etc/x` → `etc/x` (absolute
 * names are rooted at the image root). Undefined when `..` would climb above the root: such an entry
 * is never placed anywhere.
 */
export function normaliseEntryName(name: string): string | undefined {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') {
      parts.push(part);
      continue;
    }
    if (parts.length === 0) return undefined;
    parts.pop();
  }
  return parts.join('/');
}

/** The parent directory of a normalised path (`''` for a top-level name). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}

/**
 * Classifies whiteout names (OCI image-spec, layer changesets): `.wh.<name>` deletes `<name>` from
 * lower layers, `.wh..wh..opq` makes its directory opaque. Other `.wh..wh.` names are AUFS bookkeeping
 * and ignored. Undefined for an ordinary name.
 */
export function whiteoutOf(path: string): { readonly type: 'whiteout' | 'opaque' | 'ignored'; readonly path: string } | undefined {
  const base = baseNameOf(path);
  if (!base.startsWith(WHITEOUT_PREFIX)) return undefined;
  const directory = parentOf(path);
  if (base === OPAQUE_MARKER) return { type: 'opaque', path: directory };
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return { type: 'ignored', path };
  const name = base.slice(WHITEOUT_PREFIX.length);
  if (name === '' || name === '.' || name === '..') return { type: 'ignored', path };
  return { type: 'whiteout', path: joinPath(directory, name) };
}

/** Compact form for the cache: `[path, type, size, target?]`. */
export type PackedEntry = readonly [string, EntryType, number] | readonly [string, EntryType, number, string];

export function packEntries(entries: readonly LayerEntry[]): PackedEntry[] {
  return entries.map((entry) => (entry.target === undefined ? [entry.path, entry.type, entry.size] : [entry.path, entry.type, entry.size, entry.target]));
}

const ENTRY_TYPES: ReadonlySet<string> = new Set<EntryType>(['file', 'directory', 'symlink', 'hardlink', 'whiteout', 'opaque', 'other']);

function isEntryType(value: unknown): value is EntryType {
  return typeof value === 'string' && ENTRY_TYPES.has(value);
}

/** The inverse of `packEntries`; undefined when the data is not a packed entry list. */
export function unpackEntries(data: unknown): LayerEntry[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const entries: LayerEntry[] = [];
  for (const item of data) {
    if (!Array.isArray(item)) return undefined;
    const [path, type, size, target] = item;
    if (typeof path !== 'string' || !isEntryType(type) || typeof size !== 'number') return undefined;
    entries.push(typeof target === 'string' ? { path, type, size, target } : { path, type, size });
  }
  return entries;
}
