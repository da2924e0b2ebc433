import type { Header } from 'tar-stream';
import { extract as createExtract } from 'tar-stream';
import type { ScanError } from '../../core/index.ts';
import type { LayerDescriptor } from '../source/types.ts';
import { decompressedChunks, toBuffer } from './compression.ts';
import { feedTar } from './tar-feed.ts';
import type { EntryType, LayerEntry } from './entry.ts';
import { normaliseEntryName, whiteoutOf } from './entry.ts';

/** How many bytes of a file the visitor sees before it decides whether to read the whole file. */
export const SNIFF_BYTES = 4096;

/** At most this many escaping or malformed entries are reported per layer (the rest are counted). */
const MAX_PROBLEMS = 20;

/** Decides which files are read whole; nothing is ever written to disk. */
export interface LayerVisitor {
  /** Called with the first bytes (up to `SNIFF_BYTES`) of each regular file. */
  wants(entry: LayerEntry, head: Buffer): boolean;
  /** The whole content of a wanted file, in archive order; the layer is not read further until a returned promise settles. */
  content(entry: LayerEntry, bytes: Buffer): void | Promise<void>;
}

export interface LayerReadOptions {
  /** Names the layer in errors (`<image-ref>@<layer-digest>`). */
  readonly label: string;
  /** A wanted file larger than this is not read (the visitor is expected to check sizes itself). */
  readonly maxContentBytes: number;
  /** Stops reading once the layer decompressed to more than this (default: no limit). */
  readonly decompressedLimit?: DecompressedLimit;
}

/** A cap on the uncompressed bytes of one layer, and how to name it in the error. */
export interface DecompressedLimit {
  readonly bytes: number;
  /** Which limit (`the limit per layer, maxLayerBytes`), for the message. */
  readonly name: string;
}

export interface LayerReadResult {
  /** Every entry in archive order (whiteouts included), as far as the archive could be read. */
  readonly entries: LayerEntry[];
  /** Entries ignored because their name or link target escapes the image root. */
  readonly problems: ScanError[];
  /** Set when the blob could not be read to its end (corrupt, truncated, digest mismatch, over its decompressed limit). */
  readonly failure: ScanError | undefined;
  /** Uncompressed bytes read (the whole tar, or up to the point where reading stopped). */
  readonly decompressedBytes: number;
}

/**
 * Streams one layer blob: decompresses it (gzip, zstd or none, by magic bytes), parses the tar entry
 * by entry and records each entry. Names are normalised against the image root; an entry whose name
 * or hard-link target climbs out of it is ignored and reported. Symlink targets are recorded as
 * written and never followed here. Only the files the visitor wants are buffered, one at a time.
 */
export async function readLayer(layer: LayerDescriptor, visitor: LayerVisitor, options: LayerReadOptions): Promise<LayerReadResult> {
  const entries: LayerEntry[] = [];
  const problems: ScanError[] = [];
  let ignored = 0;
  const ignore = (message: string): void => {
    ignored += 1;
    if (ignored <= MAX_PROBLEMS) problems.push({ path: options.label, code: 'IMAGE_INVALID', message });
  };
  const extract = createExtract();
  let feeding: Promise<void> = Promise.resolve();
  const read = { bytes: 0 };
  const limit = options.decompressedLimit;
  try {
    const source = await layer.open();
    feeding = feedTar(counted(decompressedChunks(source, layer.mediaType), read, limit?.bytes ?? Infinity), extract);
    for await (const stream of extract) {
      const entry = toEntry(stream.header, ignore);
      if (entry !== undefined) entries.push(entry);
      if (entry?.type === 'file') await readContent(stream, entry, visitor, options.maxContentBytes);
      else await drain(stream);
    }
    await feeding;
  } catch (error) {
    extract.destroy();
    await feeding;
    if (limit !== undefined && read.bytes > limit.bytes) {
      const message = `Layer ${layer.digest} decompresses to more than ${limit.bytes} bytes (${limit.name}); reading stopped after ${entries.length === 1 ? '1 entry' : `${entries.length} entries`}, the rest of the layer is not scanned`;
      return { entries, problems, failure: { path: options.label, code: 'FILE_TOO_LARGE', message }, decompressedBytes: read.bytes };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { entries, problems, failure: { path: options.label, code: 'IMAGE_INVALID', message: `Layer ${layer.digest} could not be read to its end (${entries.length} entries read): ${message}` }, decompressedBytes: read.bytes };
  }
  if (ignored > MAX_PROBLEMS) problems.push({ path: options.label, code: 'IMAGE_INVALID', message: `${ignored - MAX_PROBLEMS} more entries escaping the image root were ignored` });
  return { entries, problems, failure: undefined, decompressedBytes: read.bytes };
}

/** Counts the uncompressed bytes going through, and stops (throws) past `limit`. */
async function* counted(chunks: AsyncIterable<Buffer>, read: { bytes: number }, limit: number): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    read.bytes += chunk.length;
    if (read.bytes > limit) throw new Error(`over the decompressed limit of ${limit} bytes`);
    yield chunk;
  }
}

const TYPES: Readonly<Record<string, EntryType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
};

function toEntry(header: Header, ignore: (message: string) => void): LayerEntry | undefined {
  const path = normaliseEntryName(header.name);
  if (path === undefined) {
    ignore(`Entry "${header.name}" climbs out of the image root; ignored`);
    return undefined;
  }
  const whiteout = whiteoutOf(path);
  if (whiteout !== undefined) return whiteout.type === 'ignored' ? undefined : { path: whiteout.path, type: whiteout.type, size: 0 };
  if (path === '') return undefined;
  const type = TYPES[header.type] ?? 'other';
  const size = type === 'file' ? header.size : 0;
  const linkname = header.linkname;
  if (type === 'symlink') return { path, type, size, target: linkname };
  if (type !== 'hardlink') return { path, type, size };
  const target = normaliseEntryName(linkname);
  if (target === undefined || target === '') {
    ignore(`Hard link "${header.name}" points out of the image root ("${linkname}"); ignored`);
    return undefined;
  }
  return { path, type, size, target };
}

async function readContent(stream: AsyncIterable<unknown>, entry: LayerEntry, visitor: LayerVisitor, maxBytes: number): Promise<void> {
  const chunks: Buffer[] = [];
  let length = 0;
  let wanted: boolean | undefined;
  for await (const data of stream) {
    if (wanted === false) continue;
    const chunk = toBuffer(data);
    chunks.push(chunk);
    length += chunk.length;
    if (wanted === undefined && length >= Math.min(SNIFF_BYTES, entry.size)) wanted = visitor.wants(entry, headOf(chunks)) && entry.size <= maxBytes;
    if (wanted === false) chunks.length = 0;
  }
  if (wanted === undefined) wanted = visitor.wants(entry, headOf(chunks)) && entry.size <= maxBytes;
  if (!wanted) return;
  const bytes = Buffer.concat(chunks);
  chunks.length = 0; // only the joined copy stays alive while the visitor works on it
  await visitor.content(entry, bytes);
}

function headOf(chunks: readonly Buffer[]): Buffer {
  const joined = chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks);
  return joined.subarray(0, SNIFF_BYTES);
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of stream) void chunk;
}
