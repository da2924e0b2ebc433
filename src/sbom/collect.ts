import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Analyzer, ScanError, SourceDocument } from '../core/index.ts';
import { createSourceDocument } from '../core/artifact.ts';
import { PalisadeError } from '../core/errors.ts';
import { decodeText, readHead } from '../core/fs.ts';
import type { WalkedFile } from '../core/walk.ts';
import { resolveTarget, walk } from '../core/walk.ts';
import type { Distribution, InventorySources, LazyAnalyzer, PackageInventoryArtifact } from '../packages/index.ts';

export interface CollectOptions {
  /** Extra gitignore-style patterns relative to the root. */
  readonly ignorePatterns?: readonly string[];
  /** Files larger than this (bytes) are reported, not read. Default 16 MiB, as `scan`. */
  readonly maxFileSize?: number;
  /**
   * The package analyzers and os-release reader; by default the package area's, loaded with it. A
   * caller that imports `packages/lazy.ts` itself passes `lazyInventorySources` so that only the
   * parsers of the formats present load.
   */
  readonly sources?: InventorySources;
}

export interface CollectedInventories {
  /** The scanned folder's name (the folder holding a file target). */
  readonly name: string;
  /** Whether the target was a directory or one file. */
  readonly kind: 'directory' | 'file';
  readonly inventories: readonly PackageInventoryArtifact[];
  readonly errors: readonly ScanError[];
  /** The os-release found in the tree, applied to OS package inventories. */
  readonly distribution: Distribution | undefined;
}

const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

/**
 * The package inventories of a directory (or one file): walks it as `scan` does (git-ignore aware,
 * sorted), runs every package analyzer on the files it matches, and qualifies OS package databases
 * with the tree's os-release. Problems with single files become errors; the walk goes on.
 */
export async function collectInventories(target: string, options: CollectOptions = {}): Promise<CollectedInventories> {
  const { root, single } = resolved(target);
  const sources = options.sources ?? (await import('../packages/index.ts')).lazyInventorySources;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const inventories: PackageInventoryArtifact[] = [];
  const errors: ScanError[] = [];
  let distribution: Distribution | undefined;
  for (const entry of walk(target, { ignorePatterns: options.ignorePatterns ?? [] })) {
    if (entry.kind === 'error') {
      errors.push(entry.error);
      continue;
    }
    const isOsRelease = sources.osReleasePaths.has(entry.file.path);
    const analyzers = matching(sources.analyzers, entry.file);
    if (analyzers.length === 0 && !isOsRelease) continue;
    const document = readDocument(entry.file, maxFileSize, errors);
    if (document === undefined) continue;
    if (isOsRelease) distribution ??= (await sources.loadOsRelease()).parseOsRelease(document.text);
    for (const analyzer of analyzers) {
      const output = analyzeSafely(await analyzer.load(), document);
      errors.push(...output.errors);
      inventories.push(...output.artifacts);
    }
  }
  if (distribution === undefined) return { name: basename(root), kind: single === undefined ? 'directory' : 'file', inventories, errors, distribution };
  const { applyDistribution } = await sources.loadOsRelease();
  const qualified = inventories.map((inventory) => applyDistribution(inventory, distribution));
  return { name: basename(root), kind: single === undefined ? 'directory' : 'file', inventories: qualified, errors, distribution };
}

function resolved(target: string): { root: string; single?: string } {
  try {
    return resolveTarget(target);
  } catch (cause) {
    throw new PalisadeError('TARGET_NOT_FOUND', `Cannot read the target "${target}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function matching(analyzers: readonly LazyAnalyzer[], file: WalkedFile): LazyAnalyzer[] {
  let head: string | undefined;
  const sniff = (): string => {
    head ??= readHead(file.absolutePath);
    return head;
  };
  return analyzers.filter((analyzer) => analyzer.matches(file, sniff));
}

function readDocument(file: WalkedFile, maxFileSize: number, errors: ScanError[]): SourceDocument | undefined {
  if (file.size > maxFileSize) {
    errors.push({ path: file.path, code: 'FILE_TOO_LARGE', message: `File is ${file.size} bytes, over the limit of ${maxFileSize} (maxFileSize); not read` });
    return undefined;
  }
  try {
    return createSourceDocument(file.path, decodeText(readFileSync(file.absolutePath)));
  } catch (error) {
    errors.push({ path: file.path, code: 'FILE_UNREADABLE', message: `Cannot read: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

function analyzeSafely(analyzer: Analyzer<PackageInventoryArtifact>, document: SourceDocument): { artifacts: readonly PackageInventoryArtifact[]; errors: readonly ScanError[] } {
  try {
    return analyzer.analyze(document);
  } catch (error) {
    return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
