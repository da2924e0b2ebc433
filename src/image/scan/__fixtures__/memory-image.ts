// In-memory images for the image scan tests: layers built from entry lists, served from buffers.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { ImageConfigFile, ImageSource, LayerDescriptor } from '../../source/types.ts';

export interface TarEntry {
  readonly name: string;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly content?: string | Buffer;
  readonly linkname?: string;
}

/** A plain tar of the entries, in the order given (names written exactly as given). */
export async function tarOf(entries: readonly TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  });
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'file' ? Buffer.from(entry.content ?? '') : undefined;
    const header = { name: entry.name, type, mode: type === 'directory' ? 0o755 : 0o644, mtime: new Date('2024-01-01T00:00:00Z'), ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }) };
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null): void => (error ? reject(error) : resolve());
      if (content === undefined) archive.entry(header, done);
      else archive.entry({ ...header, size: content.length }, content, done);
    });
  }
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** Shorthand: path → text content. */
export function files(map: Readonly<Record<string, string>>): TarEntry[] {
  return Object.entries(map).map(([name, content]) => ({ name, content }));
}

export type LayerCompression = 'gzip' | 'zstd' | 'none';

const MEDIA_TYPES = { gzip: 'application/vnd.oci.image.layer.v1.tar+gzip', zstd: 'application/vnd.oci.image.layer.v1.tar+zstd', none: 'application/vnd.oci.image.layer.v1.tar' } as const;

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export interface MemoryLayer extends LayerDescriptor {
  /** How many times `open` was called. */
  readonly opened: () => number;
}

/** A layer served from memory; `bytes` are the blob as stored (already compressed). */
export function memoryLayer(bytes: Buffer, mediaType: string, chunkSize = 1024): MemoryLayer {
  let opens = 0;
  return {
    digest: sha256(bytes),
    size: bytes.length,
    mediaType,
    opened: () => opens,
    open: () => {
      opens += 1;
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < bytes.length; offset += chunkSize) chunks.push(bytes.subarray(offset, offset + chunkSize));
      return Promise.resolve(Readable.from(chunks));
    },
  };
}

export async function layerOf(entries: readonly TarEntry[], compression: LayerCompression = 'gzip'): Promise<MemoryLayer> {
  const tar = await tarOf(entries);
  const bytes = compression === 'gzip' ? gzipSync(tar) : compression === 'zstd' ? zstdCompressSync(tar) : tar;
  return memoryLayer(bytes, MEDIA_TYPES[compression]);
}

export function memoryImage(reference: string, layers: readonly LayerDescriptor[], config: ImageConfigFile = {}): ImageSource {
  const configBytes = Buffer.from(JSON.stringify(config));
  return {
    transport: 'oci',
    reference,
    manifestDigest: sha256(Buffer.from(reference)),
    manifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    config,
    configDigest: sha256(configBytes),
    layers,
    close: () => Promise.resolve(),
  };
}

/** A ustar header of one regular file of `size` bytes (the content is not included). */
export function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(size, 12), 124);
  header.write(octal(1704067200, 12), 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\u000000', 257, 'latin1');
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/**
 * A decompression bomb: one tar entry `bomb.bin` of `mebibytes` MiB of zeros. In gzip: one member for
 * the header and one per MiB of zeros, concatenated (1 GiB in about 1 MB). In zstd: one frame written
 * by hand, the header as a raw block and then RLE blocks of 128 KiB of zeros, 4 bytes each (1 GiB in
 * 32 KB). Nothing is inflated here.
 */
export function bombLayer(compression: 'gzip' | 'zstd', mebibytes: number): MemoryLayer {
  const header = tarHeader('bomb.bin', mebibytes * 1024 * 1024);
  if (compression === 'zstd') return memoryLayer(zstdBomb(header, mebibytes * 8), MEDIA_TYPES.zstd, 64 * 1024);
  const zeros = gzipSync(Buffer.alloc(1024 * 1024));
  return memoryLayer(Buffer.concat([gzipSync(header), ...Array.from({ length: mebibytes }, () => zeros)]), MEDIA_TYPES.gzip, 64 * 1024);
}

/** A zstd frame (RFC 8878): no content size, a 128 KiB window; `prefix` raw, then `blocks` RLE blocks of 128 KiB of zeros. */
function zstdBomb(prefix: Buffer, blocks: number): Buffer {
  const blockHeader = (size: number, type: 0 | 1, last: boolean): Buffer => {
    const value = (size << 3) | (type << 1) | (last ? 1 : 0);
    return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
  };
  const rle = Buffer.concat([blockHeader(128 * 1024, 1, false), Buffer.from([0])]);
  const lastRle = Buffer.concat([blockHeader(128 * 1024, 1, true), Buffer.from([0])]);
  // Magic, frame header descriptor (no flags), window descriptor 2^17 (exponent 7).
  const frameHeader = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]);
  return Buffer.concat([frameHeader, blockHeader(prefix.length, 0, false), prefix, ...Array.from({ length: blocks - 1 }, () => rle), lastRle]);
}
