import { PalisadeError } from '../../core/index.ts';
import type { Descriptor } from './manifest.ts';

export const REF_NAME = 'org.opencontainers.image.ref.name';
export const IMAGE_NAME = 'io.containerd.image.name';

interface Selector {
  readonly tag?: string;
  readonly digest?: string;
  readonly ref?: string;
  readonly index?: number;
}

/**
 * Picks the entries of a layout's index.json that the reference names: by digest, by tag (the
 * `org.opencontainers.image.ref.name` annotation, or containerd's `io.containerd.image.name` as
 * `docker save` writes it), by position, or the only entry. Several entries can share a tag (one per
 * platform); the caller chooses among them.
 */
export function selectLayoutEntries(entries: readonly Descriptor[], selector: Selector, what: string): readonly Descriptor[] {
  if (selector.digest !== undefined) {
    const found = entries.filter((entry) => entry.digest === selector.digest);
    if (found.length === 0) throw new PalisadeError('IMAGE_NOT_FOUND', `${what}: no image with digest ${selector.digest}; ${describe(entries)}.`);
    return found.slice(0, 1);
  }
  if (selector.index !== undefined) {
    const entry = entries[selector.index];
    if (entry === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${what}: there is no image @${selector.index}; ${describe(entries)}.`);
    return [entry];
  }
  const name = selector.tag ?? selector.ref;
  if (name !== undefined) {
    const found = entries.filter((entry) => namesOf(entry).some((candidate) => sameName(candidate, name)));
    if (found.length === 0) throw new PalisadeError('IMAGE_NOT_FOUND', `${what}: no image tagged "${name}"; ${describe(entries)}.`);
    return found;
  }
  if (entries.length === 0) throw new PalisadeError('IMAGE_NOT_FOUND', `${what}: the layout holds no image.`);
  const names = new Set(entries.map((entry) => namesOf(entry).join(',')));
  if (entries.length > 1 && names.size > 1) {
    throw new PalisadeError('IMAGE_NOT_FOUND', `${what}: the layout holds ${entries.length} images; name one with :<tag> or @<digest> (${describe(entries)}).`);
  }
  return entries;
}

function namesOf(entry: Descriptor): string[] {
  const names = [entry.annotations?.[REF_NAME], entry.annotations?.[IMAGE_NAME]];
  return names.filter((name): name is string => name !== undefined && name !== '');
}

/** `alpine:3.19` also matches `docker.io/library/alpine:3.19`. */
function sameName(candidate: string, wanted: string): boolean {
  if (candidate === wanted) return true;
  const short = candidate.replace(/^docker\.io\/(library\/)?/, '');
  return short === wanted || short === wanted.replace(/^docker\.io\/(library\/)?/, '');
}

function describe(entries: readonly Descriptor[]): string {
  const tags = entries.flatMap(namesOf);
  if (tags.length > 0) return `tags: ${[...new Set(tags)].join(', ')}`;
  return `${entries.length} untagged image${entries.length === 1 ? '' : 's'}`;
}
