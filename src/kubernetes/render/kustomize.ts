import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import type { FileRef } from '../../core/index.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { arrayAt, isJsonObject, stringAt, toJsonValue } from '../json.ts';

/** The names kustomize looks for in a directory, in its order. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A directory of the tree that holds a kustomization. */
export interface Kustomization {
  /** The directory, relative to the scan root ('' for the root itself). */
  readonly dir: string;
  /** The kustomization file, relative to the scan root. */
  readonly file: string;
  /** The parsed file (an empty object when it does not parse). */
  readonly content: JsonObject;
  /** Directories of the tree holding kustomizations this one uses (resources, bases, components). */
  readonly uses: readonly string[];
  /** Patch files it names, relative to the scan root. */
  readonly patchFiles: readonly string[];
  readonly component: boolean;
  /** Remote resources or bases (git, HTTP): kustomize would fetch them. */
  readonly remote: readonly string[];
}

/** Every kustomization of the tree (one per directory, kustomize's name order). */
export function findKustomizations(root: string, files: readonly FileRef[]): Kustomization[] {
  const byDir = new Map<string, string>();
  const rank = (path: string): number => KUSTOMIZATION_NAMES.findIndex((name) => name === posix.basename(path));
  for (const file of files) {
    if (rank(file.path) === -1) continue;
    const dir = posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
    const existing = byDir.get(dir);
    if (existing === undefined || rank(file.path) < rank(existing)) byDir.set(dir, file.path);
  }
  return [...byDir].map(([dir, file]) => describe(root, dir, file, byDir));
}

function describe(root: string, dir: string, file: string, dirs: ReadonlyMap<string, string>): Kustomization {
  const content = readKustomization(join(root, ...file.split('/')));
  const local = (entry: string): string | undefined => (isRemote(entry) ? undefined : posix.normalize(posix.join(dir, entry)).replace(/\/$/, ''));
  const references = ['resources', 'bases', 'components'].flatMap((key) => arrayAt(content, key)).flatMap((entry) => (typeof entry === 'string' ? [entry] : []));
  const uses = references.flatMap((entry) => {
    const path = local(entry);
    const normalised = path === '.' ? '' : path;
    return normalised !== undefined && dirs.has(normalised) ? [normalised] : [];
  });
  const patchFiles = patchPaths(content).flatMap((entry) => {
    const path = local(entry);
    return path === undefined || path.startsWith('..') ? [] : [path];
  });
  return { dir, file, content, uses, patchFiles, component: stringAt(content, 'kind') === 'Component', remote: references.filter(isRemote) };
}

/** Files named by `patches[].path`, `patchesStrategicMerge[]` and `patchesJson6902[].path`. */
function patchPaths(content: JsonObject): string[] {
  const paths: string[] = [];
  for (const entry of [...arrayAt(content, 'patches'), ...arrayAt(content, 'patchesJson6902')]) {
    const path = isJsonObject(entry) ? stringAt(entry, 'path') : undefined;
    if (path !== undefined) paths.push(path);
  }
  for (const entry of arrayAt(content, 'patchesStrategicMerge')) if (typeof entry === 'string' && !entry.includes('\n')) paths.push(entry);
  return paths;
}

function readKustomization(path: string): JsonObject {
  try {
    const value: JsonValue = toJsonValue(parse(readFileSync(path, 'utf8')));
    return isJsonObject(value) ? value : {};
  } catch {
    return {};
  }
}

function isRemote(entry: string): boolean {
  return entry.includes('://') || entry.startsWith('git@') || entry.startsWith('github.com/') || entry.includes('?ref=');
}

/**
 * The kustomizations to render: those no other kustomization of the tree uses (an overlay and
 * its bases render once, through the overlay), except components, which only make sense inside
 * one. A base that no overlay uses is rendered on its own.
 */
export function topLevel(kustomizations: readonly Kustomization[]): Kustomization[] {
  const used = new Set(kustomizations.flatMap((kustomization) => kustomization.uses.filter((dir) => dir !== kustomization.dir)));
  const roots = kustomizations.filter((kustomization) => !used.has(kustomization.dir) && !kustomization.component);
  // A cycle nothing else leads into (a uses b, b uses a) would otherwise never be rendered, silently:
  // one of its members becomes a root, so kubectl renders it or reports the cycle.
  const reached = new Set(roots.flatMap((root) => closure(root, kustomizations).map((kustomization) => kustomization.dir)));
  for (const kustomization of kustomizations) {
    if (reached.has(kustomization.dir) || kustomization.component) continue;
    roots.push(kustomization);
    for (const member of closure(kustomization, kustomizations)) reached.add(member.dir);
  }
  return roots;
}

/** A kustomization and every kustomization it uses, transitively. */
export function closure(start: Kustomization, all: readonly Kustomization[]): Kustomization[] {
  const byDir = new Map(all.map((kustomization) => [kustomization.dir, kustomization]));
  const seen = new Map<string, Kustomization>();
  const stack = [start];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (seen.has(current.dir)) continue;
    seen.set(current.dir, current);
    for (const dir of current.uses) {
      const next = byDir.get(dir);
      if (next !== undefined) stack.push(next);
    }
  }
  return [...seen.values()];
}

/** The line (1-based) of a top-level key of a kustomization's text, trying `keys` in order. */
export function lineOfKey(text: string, keys: readonly string[]): number | undefined {
  const lines = text.split('\n');
  for (const key of keys) {
    const index = lines.findIndex((line) => line.startsWith(`${key}:`));
    if (index !== -1) return index + 1;
  }
  return undefined;
}
