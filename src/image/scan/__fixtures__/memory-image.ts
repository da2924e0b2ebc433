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
