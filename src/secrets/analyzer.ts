import type { Analyzer, Artifact, FileRef, Location, ReportTarget, SourceDocument } from '../core/index.ts';
import { defineAnalyzer, locationFromRange } from '../core/index.ts';

/** A readable text file, with the keywords of the secret rules it contains (computed once per file). */
export interface TextArtifact extends Artifact {
  readonly kind: 'text';
  /** Lower-cased keywords (of any secret rule) that occur in the text. */
  readonly keywords: ReadonlySet<string>;
}

/**
 * One pass over the text: a single native `RegExp` alternation of every keyword, shaped as a trie
 * (`gl(?:pat-|rt-|…)`) and run case-sensitively over the lower-cased text, which V8 executes markedly
 * faster than a flat case-insensitive alternation of a few hundred keywords.
 */
export interface KeywordPrefilter {
  /** The keywords found (lower case), each with the keywords it contains (`xoxb-` brings `xox`). */
  scan(text: string): ReadonlySet<string>;
  readonly keywords: readonly string[];
}

export function createKeywordPrefilter(keywords: Iterable<string>): KeywordPrefilter {
  const source = [...keywords];
  let compiled: CompiledPrefilter | undefined;
  // Built on first use: a scan that selects no secret rule never pays for the trie (about 50 ms).
  const get = (): CompiledPrefilter => (compiled ??= compilePrefilter(source));
  return {
    get keywords() {
      return get().unique;
    },
    scan(text: string): ReadonlySet<string> {
      const { unique, contained, pattern } = get();
      const found = new Set<string>();
      if (pattern === undefined) return found;
      const lower = text.toLowerCase();
      pattern.lastIndex = 0;
      for (let match = pattern.exec(lower); match !== null; match = pattern.exec(lower)) {
        const keyword = match[0];
        if (found.has(keyword)) continue;
        for (const inner of contained.get(keyword) ?? [keyword]) found.add(inner);
        if (found.size === unique.length) break;
      }
      return found;
    },
  };
}

interface CompiledPrefilter {
  readonly unique: readonly string[];
  readonly contained: ReadonlyMap<string, readonly string[]>;
  readonly pattern: RegExp | undefined;
}

function compilePrefilter(keywords: readonly string[]): CompiledPrefilter {
  const unique = [...new Set(keywords.map((keyword) => keyword.toLowerCase()).filter((keyword) => keyword !== ''))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const contained = new Map(unique.map((keyword) => [keyword, unique.filter((other) => keyword.includes(other))]));
  return { unique, contained, pattern: unique.length === 0 ? undefined : new RegExp(trieSource(unique), 'g') };
}

/** A regex source matching exactly the given words, longest first at each position (a trie of alternations). */
export function trieSource(words: readonly string[]): string {
  const groups = new Map<string, string[]>();
  let endsHere = false;
  for (const word of words) {
    const first = word.charAt(0);
    if (first === '') endsHere = true;
    else groups.set(first, [...(groups.get(first) ?? []), word.slice(1)]);
  }
  const branches = [...groups].map(([first, rests]) => `${escapeRegExp(first)}${rests.length === 1 ? escapeRegExp(rests[0] ?? '') : trieSource(rests)}`);
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
  if (!endsHere) return body;
  return branches.length === 1 && groups.size === 1 && (branches[0] ?? '').length === 1 ? `${body}?` : `(?:${body})?`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
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
  const extension = extensionOf(file.path);
  if (BINARY_EXTENSIONS.has(extension)) return false;
  if (options.scanLockfiles !== true && LOCKFILES.has(baseName(file.path))) return false;
  const minified = /\.min\.(?:js|css)$|\.(?:js|css)\.map$/i.test(file.path);
  if (options.scanMinified !== true && minified) return false;
  const head = sniff();
  if (head.includes('\u0000')) return false;
  if (options.scanMinified !== true && BUNDLE_EXTENSIONS.has(extension) && head.length >= 4096 && !head.includes('\n')) return false;
  return true;
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

/** Every readable text file becomes one `text` artifact carrying its prefilter result. */
export function createTextAnalyzer(options: TextAnalyzerOptions): Analyzer<TextArtifact> {
  const prefilter = createKeywordPrefilter(options.keywords);
  return defineAnalyzer<TextArtifact>({
    id: 'text',
    version: 1,
    produces: 'text',
    matches: (file, sniff) => isScannableText(file, sniff, options),
    analyze: (document) => ({ artifacts: [createTextArtifact(document, prefilter.scan(document.text))], errors: [] }),
  });
}
