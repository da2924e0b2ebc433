import { createHash } from 'node:crypto';
import type { Analyzer, Artifact, Finding, Rule, ScanError } from '../../core/index.ts';
import { createSourceDocument, fingerprint } from '../../core/index.ts';
import type { Distribution, PackageInventoryArtifact } from '../../packages/index.ts';
import { applyDistribution, packageAnalyzers } from '../../packages/index.ts';
import { textAnalyzer as defaultTextAnalyzer } from '../../secrets/index.ts';
import type { CachedLayer, LayerCache } from '../cache/index.ts';
import type { DecompressedLimit, Fate } from '../fs/index.ts';
import type { DecompressionLimits } from '../limits.ts';
import { DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_LAYER_BYTES } from '../limits.ts';
import { FinalView } from '../fs/index.ts';
import type { ImageSource } from '../source/types.ts';
import type { LayerAnalysis, RunRules, WantedBudget } from './analyse-layer.ts';
import { analyseLayer } from './analyse-layer.ts';
import { createImageConfigAnalyzer } from './config-artifact.ts';
import { instructionOf, layerCreators } from './history.ts';
import type { ContentExtractor } from './extract.ts';
import { installedBinaryExtractors, installedPackageAnalyzers } from './installed.ts';
import { finalInventories, findDistribution } from './inventories.ts';

export interface ImageScanRequest {
  /** The selected rules: those whose target is `text`, `image-config` or `package-inventory` run here. */
  readonly rules: readonly Rule[];
  /** Runs per-artifact rules (pass `runRules` of src/scan/run-rules.ts). */
  readonly runRules: RunRules;
  /** The rules run on every text file of every layer (default: the `text` rules among `rules`). */
  readonly secretRules?: readonly Rule[];
  /** Inventory analyzers run on the final filesystem (default: every package analyzer and the installed-package analyzers). */
  readonly analyzers?: readonly Analyzer[];
  /** Reduce binary files (jars, Go executables) to package summaries during the layer pass (default: the jar and Go build-info extractors). */
  readonly extractors?: readonly ContentExtractor[];
  /** Makes the `text` artifacts (default: the secrets area's text analyzer). */
  readonly textAnalyzer?: Analyzer;
  /** Per-layer results are read from and written to it. */
  readonly cache?: LayerCache;
  /** Anything else that changes results (tool version, rule options), mixed into the cache key. */
  readonly cacheSalt?: string;
  /** Files over this many bytes are not read (default 16 MiB, as `maxFileSize`). */
  readonly maxFileSize?: number;
  /** The most bytes of package files (databases, lockfiles, manifests) held for the whole image (default 256 MiB). */
  readonly maxWantedBytes?: number;
  /** Caps on the uncompressed bytes read per layer and per image (defaults in src/image/limits.ts). */
  readonly limits?: DecompressionLimits;
  /** The scan's clock (image age). Default: now. */
  readonly now?: Date;
  readonly onLayer?: (progress: LayerProgress) => void;
}

export interface LayerProgress {
  /** 1-based, bottom layer first. */
  readonly index: number;
  readonly count: number;
  readonly digest: string;
  readonly cached: boolean;
}

export interface ScannedLayer {
  /** 1-based, bottom layer first (the number findings name). */
  readonly index: number;
  readonly digest: string;
  /**
   * The digest of the layer's uncompressed tar (the config's `rootfs.diff_ids`): locations name it,
   * so findings read the same whether the image came compressed from a registry or from a
   * `docker save` archive (whose layers are stored uncompressed, with other digests).
   */
  readonly diffId: string;
  /** The instruction that made the layer, from the config history (`RUN apt-get …`, `COPY …`). */
  readonly createdBy: string | undefined;
  /** Regular files and hard links in the layer. */
  readonly files: number;
  readonly cached: boolean;
}

export interface ImageScanResult {
  /** The image config artifact, then the package inventories of the final filesystem (for vulnerability matching, SBOMs). Rules have already run on them. */
  readonly artifacts: readonly Artifact[];
  readonly inventories: readonly PackageInventoryArtifact[];
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly layers: readonly ScannedLayer[];
  /** From `etc/os-release` (or `usr/lib/os-release`) of the final filesystem. */
  readonly distribution: Distribution | undefined;
}

/** Bumped when what a layer analysis stores changes meaning. */
const ANALYSIS_VERSION = 1;
const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;
const DEFAULT_MAX_WANTED_BYTES = 256 * 1024 * 1024;

/** Where a file of an image layer is, as a `Location.path`: `<image-ref>@<layer-diff-id>:/etc/app.env`. */
export function imageLocationPath(reference: string, layerDigest: string, path?: string): string {
  return path === undefined ? `${reference}@${layerDigest}` : `${reference}@${layerDigest}:/${path.replace(/^\/+/, '')}`;
}

/** The cache key of a layer analysis: everything besides the layer's bytes that its results depend on. */
export function analysisKey(analyzers: readonly Analyzer[], textAnalyzer: Analyzer | undefined, secretRules: readonly Rule[], maxFileSize: number, salt: string, extractors: readonly ContentExtractor[] = []): string {
  const parts = {
    version: ANALYSIS_VERSION,
    analyzers: analyzers.map((analyzer) => `${analyzer.id}@${analyzer.version}`).sort(),
    extractors: extractors.map((extractor) => `${extractor.id}@${extractor.version}`).sort(),
    text: textAnalyzer === undefined || secretRules.length === 0 ? null : `${textAnalyzer.id}@${textAnalyzer.version}`,
    secretRules: secretRules.map((rule) => rule.meta.id).sort(),
    maxFileSize,
    salt,
  };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Scans an image: each layer is streamed once (or taken from the cache) — its entries recorded, the
 * files the inventory analyzers want kept, every text file run through the secret rules — then the
 * final filesystem is computed from the entry lists (whiteouts, opaque directories), the inventories
 * of the files it shows are parsed and qualified by os-release, and the image config rules run.
 * The caller owns `source` (and closes it).
 */
export async function scanImage(source: ImageSource, request: ImageScanRequest): Promise<ImageScanResult> {
  const secretRules = request.secretRules ?? request.rules.filter((rule) => rule.meta.target === 'text');
  const analyzers = request.analyzers ?? [...packageAnalyzers, ...installedPackageAnalyzers];
  const textAnalyzer = request.textAnalyzer ?? defaultTextAnalyzer;
  const extractors = request.extractors ?? installedBinaryExtractors;
  const maxFileSize = request.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const key = analysisKey(analyzers, textAnalyzer, secretRules, maxFileSize, request.cacheSalt ?? '', extractors);
  const errors: ScanError[] = [];
  const analyses: LayerAnalysis[] = [];
  const layers: ScannedLayer[] = [];
  const creators = layerCreators(source.config, source.layers.length);
  const budget = { remaining: request.maxWantedBytes ?? DEFAULT_MAX_WANTED_BYTES };
  const decompressed = decompressionBudget(request.limits);
  for (const [index, layer] of source.layers.entries()) {
    const decompressedLimit = decompressed.next();
    const cached = decompressedLimit === undefined ? undefined : cacheGet(request.cache, layer.digest, key, errors);
    let analysis: LayerAnalysis;
    if (decompressedLimit === undefined) analysis = skipped(layer.digest, decompressed.imageBytes);
    else if (cached !== undefined) analysis = fromCache(cached, budget);
    else analysis = await analyseLayer(layer, { analyzers, textAnalyzer, secretRules, runRules: request.runRules, maxFileSize, label: layer.digest, budget, extractors, decompressedLimit });
    decompressed.spend(analysis.decompressedBytes);
    if (cached === undefined && analysis.failure === undefined && !analysis.truncated) cachePut(request.cache, layer.digest, key, analysis, errors);
    const diffId = source.config.rootfs?.diff_ids[index] ?? layer.digest;
    if (analysis.failure !== undefined) errors.push(relocateError(analysis.failure, source.reference, diffId));
    analyses.push(analysis);
    const createdBy = creators[index];
    const files = analysis.entries.filter((entry) => entry.type === 'file' || entry.type === 'hardlink').length;
    layers.push({ index: index + 1, digest: layer.digest, diffId, createdBy: createdBy === undefined ? undefined : instructionOf(createdBy), files, cached: cached !== undefined });
    request.onLayer?.({ index: index + 1, count: source.layers.length, digest: layer.digest, cached: cached !== undefined });
  }
  const view = FinalView.build(analyses.map((analysis) => analysis.entries));
  const findings = secretFindings(source.reference, layers, analyses, view);
  for (const [index, analysis] of analyses.entries()) errors.push(...analysis.errors.map((error) => relocateError(error, source.reference, layers[index]?.diffId ?? '')));

  const distribution = findDistribution(view, analyses);
  const inventory = finalInventories(analyses, view, analyzers, (index, path) => imageLocationPath(source.reference, layers[index]?.diffId ?? '', path));
  errors.push(...inventory.errors);
  const qualified = inventory.artifacts.map((artifact) => (distribution === undefined ? artifact : applyDistribution(artifact, distribution)));

  const configAnalyzer = createImageConfigAnalyzer({ inspectedAt: (request.now ?? new Date()).toISOString() });
  const configOutput = configAnalyzer.analyze(createSourceDocument(source.reference, `${JSON.stringify(source.config, null, 2)}\n`));
  errors.push(...configOutput.errors);
  for (const [artifacts, target] of [[configOutput.artifacts, 'image-config'], [qualified, 'package-inventory']] as const) {
    const result = request.runRules(artifacts, request.rules.filter((rule) => rule.meta.target === target));
    findings.push(...result.findings);
    errors.push(...result.errors);
  }
  return { artifacts: [...configOutput.artifacts, ...qualified], inventories: qualified, findings, errors, layers, distribution };
}

/** A cached layer counts against the wanted-file budget like a fresh one, and against the decompressed budget by the sizes of its entries. */
function fromCache(cached: CachedLayer, budget: WantedBudget): LayerAnalysis {
  for (const bytes of cached.files.values()) budget.remaining -= bytes.length;
  const decompressedBytes = cached.entries.reduce((sum, entry) => sum + entry.size, 0);
  return { ...cached, failure: undefined, truncated: false, decompressedBytes };
}

/**
 * The uncompressed bytes the scan may still read: each layer gets the smaller of the per-layer cap
 * and what is left of the per-image cap (named after the one that binds); none once the image's is spent.
 */
function decompressionBudget(limits: DecompressionLimits = {}): { readonly imageBytes: number; next(): DecompressedLimit | undefined; spend(bytes: number): void } {
  const layerBytes = limits.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES;
  const imageBytes = limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  let left = imageBytes;
  return {
    imageBytes,
    next: () => {
      if (left <= 0) return undefined;
      return left < layerBytes ? { bytes: left, name: `what is left of the limit per image, maxImageBytes ${imageBytes}` } : { bytes: layerBytes, name: 'the limit per layer, maxLayerBytes' };
    },
    spend: (bytes) => {
      left -= bytes;
    },
  };
}

/** A layer not read at all: the image's layers before it used up the decompressed budget. */
function skipped(digest: string, imageBytes: number): LayerAnalysis {
  const message = `Layer ${digest} was not read: the layers before it used up the limit per image of ${imageBytes} decompressed bytes (maxImageBytes); its files are not scanned`;
  return { entries: [], files: new Map(), findings: [], errors: [], failure: { path: digest, code: 'FILE_TOO_LARGE', message }, truncated: false, decompressedBytes: 0 };
}

/** A cache that cannot be read (locked past its busy timeout, disk error) is a miss, reported once. */
function cacheGet(cache: LayerCache | undefined, digest: string, key: string, errors: ScanError[]): CachedLayer | undefined {
  try {
    return cache?.get(digest, key);
  } catch (error) {
    cacheProblem(cache, error, errors);
    return undefined;
  }
}

function cachePut(cache: LayerCache | undefined, digest: string, key: string, layer: CachedLayer, errors: ScanError[]): void {
  try {
    cache?.put(digest, key, layer);
  } catch (error) {
    cacheProblem(cache, error, errors);
  }
}

function cacheProblem(cache: LayerCache | undefined, error: unknown, errors: ScanError[]): void {
  const path = cache?.path ?? 'cache';
  if (errors.some((known) => known.path === path && known.code === 'DB_UNAVAILABLE')) return;
  errors.push({ path, code: 'DB_UNAVAILABLE', message: `The image layer cache could not be used (${error instanceof Error ? error.message : String(error)}); layers were scanned without it` });
}

function relocateError(error: ScanError, reference: string, digest: string): ScanError {
  if (error.path.startsWith('/')) return { ...error, path: imageLocationPath(reference, digest, error.path) };
  if (error.path === digest) return { ...error, path: imageLocationPath(reference, digest) };
  return error;
}

const FATE_NOTES: Readonly<Record<Exclude<Fate, 'present'>, string>> = {
  deleted: 'although deleted by a later layer: still in the image',
  replaced: 'although replaced by a later layer: still in the image',
};

/**
 * The layers' secret findings, located at `<image-ref>@<layer-digest>:/path` and told which layer
 * and instruction hold the file, and whether a later layer deleted or replaced it (the bytes stay in
 * the image either way). Fingerprints keep the in-image path, not the digest, so a rebuilt layer
 * keeps them; the same secret in several layers gets an ordinal.
 */
function secretFindings(reference: string, layers: readonly ScannedLayer[], analyses: readonly LayerAnalysis[], view: FinalView): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const [index, analysis] of analyses.entries()) {
    const layer = layers[index];
    if (layer === undefined) continue;
    const made = layer.createdBy === undefined ? '' : ` (${layer.createdBy})`;
    for (const finding of analysis.findings) {
      const path = finding.location.path;
      const fate = view.fate(index, path.replace(/^\/+/, ''));
      const note = fate === 'present' ? `In layer ${layer.index}${made}.` : `Present in layer ${layer.index}${made} ${FATE_NOTES[fate]}.`;
      const count = seen.get(finding.fingerprint) ?? 0;
      seen.set(finding.fingerprint, count + 1);
      findings.push({
        ...finding,
        location: { ...finding.location, path: imageLocationPath(reference, layer.diffId, path) },
        message: `${finding.message} ${note}`,
        fingerprint: count === 0 ? finding.fingerprint : fingerprint([finding.fingerprint, String(count)]),
      });
    }
  }
  return findings;
}
