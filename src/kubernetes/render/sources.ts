import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceDocument } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { decodeText } from '../../core/fs.ts';
import type { JsonObject } from '../json.ts';
import { objectAt, stringAt } from '../json.ts';
import type { LoadedObject } from '../load.ts';
import { loadManifests } from '../load.ts';

/** A file of the scanned tree read once, with its objects (for mapping rendered objects back to it). */
export interface LoadedSource {
  readonly document: SourceDocument;
  readonly objects: readonly LoadedObject[];
}

/** Reads files of the tree on demand, once each; unreadable files are undefined. */
export class SourceCache {
  readonly #root: string;
  readonly #loaded = new Map<string, LoadedSource | null>();

  constructor(root: string) {
    this.#root = root;
  }

  /** `path` is relative to the scan root. */
  get(path: string): LoadedSource | undefined {
    const cached = this.#loaded.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let loaded: LoadedSource | null = null;
    try {
      const document = createSourceDocument(path, decodeText(readFileSync(join(this.#root, ...path.split('/')))));
      loaded = { document, objects: loadManifests(document).objects };
    } catch {
      loaded = null;
    }
    this.#loaded.set(path, loaded);
    return loaded ?? undefined;
  }
}

/**
 * The object of a source file that a rendered object came from: same kind, and the same name or
 * one the rendering extended (`namePrefix`, `nameSuffix`); the longest such name wins.
 */
export function matchingObject(source: LoadedSource, rendered: JsonObject): LoadedObject | undefined {
  const kind = stringAt(rendered, 'kind');
  const name = nameOf(rendered) ?? '';
  let best: LoadedObject | undefined;
  let bestLength = -1;
  for (const candidate of source.objects) {
    if (stringAt(candidate.object, 'kind') !== kind) continue;
    const candidateName = nameOf(candidate.object) ?? '';
    if (candidateName === name) return candidate;
    if (name.includes(candidateName) && candidateName.length > bestLength) {
      best = candidate;
      bestLength = candidateName.length;
    }
  }
  return best;
}

function nameOf(object: JsonObject): string | undefined {
  const metadata = objectAt(object, 'metadata');
  return metadata === undefined ? undefined : stringAt(metadata, 'name');
}
