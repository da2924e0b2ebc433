import type { Analyzer, Artifact, FileRef, Location, ReportTarget, SourceDocument } from '../core/index.ts';
import { locationFromRange } from '../core/index.ts';
import { createKeywordAutomaton } from './keyword-automaton.ts';

/** A readable text file, with the keywords of the secret rules it contains (computed once per file). */
export interface TextArtifact extends Artifact {
  readonly kind: 'text';
  /** Lower-cased keywords (of any secret rule) that occur in the text. */
  readonly keywords: ReadonlySet<string>;
}

/**
 * One pass over the text (an Aho-Corasick automaton, see keyword-automaton.ts) finds every keyword
 * of every rule, case-insensitively; a rule's regex runs only on files holding one of its keywords.
 */
export interface KeywordPrefilter {
  /** The keywords found (lower case), overlapping ones included (`xoxb-` brings `xox`). */
  scan(text: string): ReadonlySet<string>;
  /** The same on UTF-8 bytes (`bytes[0..length)`), without decoding them: equal to `scan` of their text. */
  scanBytes(bytes: Uint8Array, length: number): ReadonlySet<string>;
  readonly keywords: readonly string[];
}

export function createKeywordPrefilter(keywords: Iterable<string>): KeywordPrefilter {
  const automaton = createKeywordAutomaton(keywords);
  return {
    keywords: automaton.keywords,
    scan: (text) => automaton.scanText(text),
    scanBytes: (bytes, length) => automaton.scanBytes(bytes, length),
  };
}

export interface TextAnalyzerOptions {
  /** Keywords of every secret rule (the prefilter). */
  readonly keywords: Iterable<string>;
  /** Scan lockfiles, whose only hashes are integrity checksums (default false). */
  readonly scanLockfiles?: boolean;
  /** Scan minified bundles (`.min.js`, or a JS/CSS file whose first 4 KiB hold no line break) (default false). */
  readonly scanMinified?: boolean;
}

/** Lockfiles: their long random-looking strings are integrity hashes, not credentials. */
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'deno.lock', 'Cargo.lock', 'poetry.lock', 'Pipfile.lock', 'go.sum', 'composer.lock', 'Gemfile.lock', 'gradle.lockfile', 'packages.lock.json', 'uv.lock', 'mix.lock', 'pubspec.lock', 'flake.lock']);

/** Extensions that are never text (skipped by name, before reading). */
const BINARY_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'tif', 'tiff', 'psd', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'jar', 'war', 'class', 'so', 'dylib', 'dll', 'exe', 'o', 'a', 'wasm', 'node', 'mp3', 'mp4', 'mov', 'avi', 'webm', 'ogg', 'wav', 'flac', 'pyc', 'db', 'sqlite', 'bin', 'dat']);

const BUNDLE_EXTENSIONS = new Set(['js', 'mjs', 'cjs', 'css']);

/** How much of a file `readHead` (the content sniff) reads. */
const HEAD_BYTES = 4096;

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether the text analyzer reads a file: not binary, not a lockfile, not a minified bundle (by default). */
export function isScannableText(file: FileRef, sniff: () => string, options: Omit<TextAnalyzerOptions, 'keywords'> = {}): boolean {
  return isScannableName(file, options) && isScannableHead(file, sniff(), options);
}

/** The half of `isScannableText` decided by the name alone (binary extension, lockfile, minified name). */
export function isScannableName(file: FileRef, options: Omit<TextAnalyzerOptions, 'keywords'> = {}): boolean {
  if (BINARY_EXTENSIONS.has(extensionOf(file.path))) return false;
  if (options.scanLockfiles !== true && LOCKFILES.has(baseName(file.path))) return false;
  const minified = /\.min\.(?:js|css)$|\.(?:js|css)\.map$/i.test(file.path);
  return options.scanMinified === true || !minified;
}

/** The half decided by the first 4 KiB (`readHead`): no NUL character, and a bundle's first 4 KiB hold a line break. */
function isScannableHead(file: FileRef, head: string, options: Omit<TextAnalyzerOptions, 'keywords'>): boolean {
  if (head.includes('\u0000')) return false;
  return options.scanMinified === true || !BUNDLE_EXTENSIONS.has(extensionOf(file.path)) || head.length < HEAD_BYTES || head.includes('\n');
}

/**
 * `isScannableHead` on the file's bytes (all of them or at least the first 4 KiB), with the verdict it
 * gives on `readHead` of the file: a NUL or line-feed byte is that character in the decoded text.
 */
export function isScannableHeadBytes(file: FileRef, bytes: Uint8Array, length: number, options: Omit<TextAnalyzerOptions, 'keywords'> = {}): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, HEAD_BYTES, bytes.byteLength));
  if (head.includes(0)) return false;
  if (options.scanMinified === true || !BUNDLE_EXTENSIONS.has(extensionOf(file.path)) || head.includes(0x0a)) return true;
  // No line break: a bundle when the head decodes to 4096 characters or more (as `readHead` counts).
  return head.toString('utf8').length < HEAD_BYTES;
}

export function createTextArtifact(source: SourceDocument, keywords: ReadonlySet<string>): TextArtifact {
  return Object.freeze({
    kind: 'text',
    source,
    keywords,
    identity: '',
    locate(target: ReportTarget): Location {
      if ('range' in target) return locationFromRange(source.path, target.range);
      return { path: source.path, jsonPointer: target.pointer };
    },
  });
}

/**
 * The text analyzer, with its selection split in two so that a scan can read each file once: the
 * name half before reading, the content half on the bytes read (`matches` = both on `readHead`).
 */
export interface TextAnalyzer extends Analyzer<TextArtifact> {
  matchesName(file: FileRef): boolean;
  matchesHeadBytes(file: FileRef, bytes: Uint8Array, length: number): boolean;
  readonly prefilter: KeywordPrefilter;
}

export function isTextAnalyzer(analyzer: Analyzer): analyzer is TextAnalyzer {
  return analyzer.produces === 'text' && typeof Reflect.get(analyzer, 'matchesHeadBytes') === 'function' && typeof Reflect.get(analyzer, 'prefilter') === 'object';
}

/** Every readable text file becomes one `text` artifact carrying its prefilter result. */
export function createTextAnalyzer(options: TextAnalyzerOptions): TextAnalyzer {
  const prefilter = createKeywordPrefilter(options.keywords);
  const analyzer: TextAnalyzer = {
    id: 'text',
    version: 1,
    produces: 'text',
    prefilter,
    matches: (file, sniff) => isScannableText(file, sniff, options),
    matchesName: (file) => isScannableName(file, options),
    matchesHeadBytes: (file, bytes, length) => isScannableHeadBytes(file, bytes, length, options),
    analyze: (document) => ({ artifacts: [createTextArtifact(document, prefilter.scan(document.text))], errors: [] }),
  };
  return Object.freeze(analyzer);
}
