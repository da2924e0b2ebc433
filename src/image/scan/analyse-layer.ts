import type { Analyzer, AnalyzerOutput, Artifact, FileRef, Finding, Rule, ScanError, SourceDocument } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { decodeText } from '../../core/fs.ts';
import { OS_RELEASE_PATHS, RPM_DATABASE_PATHS } from '../../packages/index.ts';
import type { DecompressedLimit, LayerEntry } from '../fs/index.ts';
import { readLayer } from '../fs/index.ts';
import type { LayerDescriptor } from '../source/types.ts';
import type { ContentExtractor } from './extract.ts';
import { MAX_EXTRACT_BYTES, describeError } from './extract.ts';

/** Runs per-artifact rules and turns their reports into findings: the scan pipeline's `runRules`. */
export type RunRules = (artifacts: readonly Artifact[], rules: readonly Rule[]) => { readonly findings: readonly Finding[]; readonly errors: readonly ScanError[] };

/** What one layer yields on its own, independent of the other layers and of the image reference. */
export interface LayerAnalysis {
  readonly entries: readonly LayerEntry[];
  /** The content of every file an inventory analyzer wants, by path in the image (`var/lib/dpkg/status`). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Secret findings located at the path in the image (`/app/.env`). */
  readonly findings: readonly Finding[];
  /** Files not scanned (too large), rule failures, ignored entries. Paths as for findings. */
  readonly errors: readonly ScanError[];
  /** The layer could not be read to its end; what was read before is kept. */
  readonly failure: ScanError | undefined;
  /** Some wanted files were not kept because the image's budget for them ran out (never cached). */
  readonly truncated: boolean;
  /** Uncompressed bytes of the layer read (for a cached layer: the sizes of its entries). */
  readonly decompressedBytes: number;
}

/** Bytes of wanted files the whole image scan may hold (shared by its layers, counted down). */
export interface WantedBudget {
  remaining: number;
}

export interface LayerAnalysisOptions {
  /** Inventory analyzers (package databases, lockfiles); os-release and the rpm database are always wanted. */
  readonly analyzers: readonly Analyzer[];
  /** Produces the `text` artifacts the secret rules read; secrets are not scanned without it. */
  readonly textAnalyzer: Analyzer | undefined;
  readonly secretRules: readonly Rule[];
  readonly runRules: RunRules;
  /** Wanted files over this many bytes are reported (FILE_TOO_LARGE), not read. */
  readonly maxFileSize: number;
  /** Names the layer in layer-level errors (the layer digest; the scan prefixes the image reference). */
  readonly label: string;
  /** Caps the memory held by wanted files, whatever the image's size. */
  readonly budget: WantedBudget;
  /** Binary files (jars, executables) reduced to package summaries as they pass (default none). */
  readonly extractors?: readonly ContentExtractor[];
  /** Stops reading the layer past this many uncompressed bytes (default: no limit). */
  readonly decompressedLimit?: DecompressedLimit;
}

/** Files every image scan wants, whatever the analyzers: they qualify the OS inventories. */
function isAlwaysWanted(path: string): boolean {
  return OS_RELEASE_PATHS.has(path) || RPM_DATABASE_PATHS.has(path);
}

function analyzeSafely(analyzer: Analyzer, document: SourceDocument): AnalyzerOutput {
  try {
    return analyzer.analyze(document);
  } catch (error) {
    return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/**
 * Reads one layer in a single streaming pass: records every entry, keeps the content of the files
 * the inventory analyzers want, and runs the secret rules on every text file as it passes (deleted
 * later or not: each layer is scanned whole). Memory holds one file at a time plus the wanted files.
 */
export async function analyseLayer(layer: LayerDescriptor, options: LayerAnalysisOptions): Promise<LayerAnalysis> {
  const files = new Map<string, Uint8Array>();
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const scanSecrets = options.textAnalyzer !== undefined && options.secretRules.length > 0;
  const extractors = options.extractors ?? [];
  let decision: { inventory: boolean; text: boolean; extractor: ContentExtractor | undefined } = { inventory: false, text: false, extractor: undefined };
  let truncated = false;
  const keep = (path: string, bytes: Uint8Array): boolean => {
    if (bytes.length > options.budget.remaining) {
      if (!truncated) errors.push({ path: `/${path}`, code: 'FILE_TOO_LARGE', message: 'The package files read so far fill the budget of the image scan (maxWantedBytes); this and later package files are not analysed' });
      return false;
    }
    options.budget.remaining -= bytes.length;
    files.set(path, bytes);
    return true;
  };
  const result = await readLayer(
    layer,
    {
      wants(entry, head) {
        const file: FileRef = { path: entry.path, size: entry.size };
        let sniffed: string | undefined;
        const sniff = (): string => (sniffed ??= head.toString('utf8'));
        const inventory = isAlwaysWanted(entry.path) || options.analyzers.some((analyzer) => analyzer.matches(file, sniff));
        const text = scanSecrets && options.textAnalyzer?.matches(file, sniff) === true;
        const extractor = extractors.find((candidate) => candidate.wants(entry.path, head));
        decision = { inventory, text, extractor };
        if (!inventory && !text && extractor === undefined) return false;
        if (!inventory && !text) return extractLimit(entry.path, entry.size, errors);
        if (entry.size <= options.maxFileSize) return true;
        errors.push({ path: `/${entry.path}`, code: 'FILE_TOO_LARGE', message: `File is ${entry.size} bytes, over the limit of ${options.maxFileSize} (maxFileSize); not scanned` });
        return false;
      },
      async content(entry, bytes) {
        if (decision.inventory && !keep(entry.path, bytes)) truncated = true;
        if (decision.text && options.textAnalyzer !== undefined) scanText(`/${entry.path}`, bytes, options.textAnalyzer, options, findings, errors);
        const summary = decision.extractor === undefined ? undefined : await extract(decision.extractor, entry.path, bytes, errors);
        if (summary !== undefined && !keep(entry.path, summary)) truncated = true;
      },
    },
    { label: options.label, maxContentBytes: extractors.length === 0 ? options.maxFileSize : Math.max(options.maxFileSize, MAX_EXTRACT_BYTES), ...(options.decompressedLimit === undefined ? {} : { decompressedLimit: options.decompressedLimit }) },
  );
  linkWantedHardLinks(result.entries, files, options.analyzers);
  return { entries: result.entries, files, findings, errors: [...result.problems, ...errors], failure: result.failure, truncated, decompressedBytes: result.decompressedBytes };
}

/** Binary files are read up to MAX_EXTRACT_BYTES, whatever `maxFileSize` says (only their summary is kept). */
function extractLimit(path: string, size: number, errors: ScanError[]): boolean {
  if (size <= MAX_EXTRACT_BYTES) return true;
  errors.push({ path: `/${path}`, code: 'FILE_TOO_LARGE', message: `File is ${size} bytes, over the limit of ${MAX_EXTRACT_BYTES} for reading the packages inside archives and executables; not analysed` });
  return false;
}

/** The extractor's summary of a binary file (its problems become errors of the file). */
async function extract(extractor: ContentExtractor, path: string, bytes: Buffer, errors: ScanError[]): Promise<Uint8Array | undefined> {
  try {
    const extracted = await extractor.extract(bytes, path);
    errors.push(...extracted.problems.map((problem) => ({ path: `/${path}`, code: problem.code, message: problem.message })));
    return extracted.summary === undefined ? undefined : Buffer.from(extracted.summary, 'utf8');
  } catch (error) {
    errors.push({ path: `/${path}`, code: 'PARSE_FAILED', message: `${extractor.id} failed: ${describeError(error)}` });
    return undefined;
  }
}

function scanText(path: string, bytes: Uint8Array, analyzer: Analyzer, options: LayerAnalysisOptions, findings: Finding[], errors: ScanError[]): void {
  const output = analyzeSafely(analyzer, createSourceDocument(path, decodeText(bytes)));
  errors.push(...output.errors);
  if (output.artifacts.length === 0) return;
  const result = options.runRules(output.artifacts, options.secretRules);
  findings.push(...result.findings);
  errors.push(...result.errors);
}

/** A wanted path that is a hard link to a file read in the same layer gets that file's content. */
function linkWantedHardLinks(entries: readonly LayerEntry[], files: Map<string, Uint8Array>, analyzers: readonly Analyzer[]): void {
  for (const entry of entries) {
    if (entry.type !== 'hardlink' || entry.target === undefined || files.has(entry.path)) continue;
    const content = files.get(entry.target);
    if (content === undefined) continue;
    const file: FileRef = { path: entry.path, size: content.length };
    const sniff = (): string => Buffer.from(content.subarray(0, 4096)).toString('utf8');
    if (isAlwaysWanted(entry.path) || analyzers.some((analyzer) => analyzer.matches(file, sniff))) files.set(entry.path, content);
  }
}
