/**
 * Builds OCI image layouts for tests: layers as tars (gzip, zstd or none) from a file map, blobs,
 * configs, manifests, nested indexes and index.json. Shared by the image source and image scan tests.
 *
 *   const dir = await mkdtemp(join(tmpdir(), 'oci-'));
 *   await initLayout(dir);
 *   const image = await writeImage(dir, { layers: [{ 'etc/os-release': 'ID=debian\n' }], config: { config: { User: 'app' } } });
 *   await writeIndexJson(dir, [{ descriptor: image, tag: 'v1' }]);
 *   // → openImage(`oci:${dir}:v1`)
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { pack } from 'tar-stream';

export interface FileSpec {
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly content?: string | Buffer;
  /** For symlinks and hard links. */
  readonly linkname?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: Date;
}

/** Path in the layer (no leading slash) → content, or a full spec. Entries are written in key order. */
export type FileMap = Readonly<Record<string, string | Buffer | FileSpec>>;
export type Compression = 'gzip' | 'zstd' | 'none';

export interface BuilderPlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface BuilderDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: BuilderPlatform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface BuiltLayer {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  /** sha256 of the uncompressed tar. */
  readonly diffId: string;
  readonly tar: Buffer;
}

export const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const EPOCH = new Date('2024-01-01T00:00:00Z');

/** An uncompressed tar of the file map. */
export async function buildLayerTar(files: FileMap): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  });
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const [name, value] of Object.entries(files)) {
    const spec: FileSpec = typeof value === 'string' || Buffer.isBuffer(value) ? { content: value } : value;
    const type = spec.type ?? 'file';
    const header = {
      name,
      type,
      mode: spec.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: spec.uid ?? 0,
      gid: spec.gid ?? 0,
      mtime: spec.mtime ?? EPOCH,
      ...(spec.linkname === undefined ? {} : { linkname: spec.linkname }),
    };
    const content = type === 'file' ? Buffer.from(spec.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null): void => (error ? reject(error) : resolve());
      if (content === undefined) archive.entry(header, callback);
      else archive.entry({ ...header, size: content.length }, content, callback);
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A layer blob; `docker: true` uses Docker v2 media types (gzip or none only). */
export async function buildLayer(files: FileMap, options: { compression?: Compression; docker?: boolean } = {}): Promise<BuiltLayer> {
  const tar = await buildLayerTar(files);
  const compression = options.compression ?? 'gzip';
  const bytes = compression === 'gzip' ? gzipSync(tar) : compression === 'zstd' ? zstdCompressSync(tar) : tar;
  const base = options.docker === true ? 'application/vnd.docker.image.rootfs.diff.tar' : 'application/vnd.oci.image.layer.v1.tar';
  const suffix = compression === 'none' ? '' : options.docker === true ? '.gzip' : `+${compression}`;
  return { bytes, mediaType: base + suffix, digest: sha256(bytes), size: bytes.length, diffId: sha256(tar), tar };
}

/** Creates the folder with `oci-layout` and an empty index.json. */
export async function initLayout(dir: string): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeIndexJson(dir, []);
}

export async function writeBlob(dir: string, bytes: Buffer | string, mediaType: string): Promise<BuilderDescriptor> {
  const buffer = Buffer.from(bytes);
  const digest = sha256(buffer);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), buffer);
  return { mediaType, digest, size: buffer.length };
}

export interface ImageSpec {
  /** Bottom layer first: file maps (built with `compression`) or layers built beforehand. */
  readonly layers: readonly (FileMap | BuiltLayer)[];
  /** Merged over the generated config (`config`, `history`, `created`…); rootfs.diff_ids is filled in. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Default linux/amd64. Written in the config and on the returned descriptor. */
  readonly platform?: BuilderPlatform;
  readonly compression?: Compression;
  /** Docker v2 schema 2 media types instead of OCI. */
  readonly docker?: boolean;
}

function isBuiltLayer(value: FileMap | BuiltLayer): value is BuiltLayer {
  return Buffer.isBuffer(value.bytes) && typeof value.diffId === 'string';
}

/** Writes the layers, config and manifest blobs; returns the manifest's descriptor (with its platform). */
export async function writeImage(dir: string, spec: ImageSpec): Promise<BuilderDescriptor> {
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const docker = spec.docker === true;
  const layers: BuiltLayer[] = [];
  for (const layer of spec.layers) {
    layers.push(isBuiltLayer(layer) ? layer : await buildLayer(layer, { compression: spec.compression ?? 'gzip', docker }));
  }
  const layerDescriptors = [];
  for (const layer of layers) layerDescriptors.push(await writeBlob(dir, layer.bytes, layer.mediaType));
  const config = {
    created: '2024-01-01T00:00:00Z',
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    config: {},
    ...spec.config,
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
  };
  const configDescriptor = await writeBlob(
    dir,
    JSON.stringify(config),
    docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
  );
  const mediaType = docker ? 'application/vnd.docker.distribution.manifest.v2+json' : 'application/vnd.oci.image.manifest.v1+json';
  const manifest = { schemaVersion: 2, mediaType, config: configDescriptor, layers: layerDescriptors };
  const descriptor = await writeBlob(dir, JSON.stringify(manifest), mediaType);
  return { ...descriptor, platform };
}

/** Writes an image index blob (for nesting or multi-arch); returns its descriptor (no platform). */
export async function writeIndexBlob(dir: string, manifests: readonly BuilderDescriptor[], options: { docker?: boolean } = {}): Promise<BuilderDescriptor> {
  const mediaType = options.docker === true ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  return writeBlob(dir, JSON.stringify({ schemaVersion: 2, mediaType, manifests }), mediaType);
}

/** Replaces index.json; `tag` becomes the `org.opencontainers.image.ref.name` annotation. */
export async function writeIndexJson(dir: string, entries: readonly { descriptor: BuilderDescriptor; tag?: string }[]): Promise<void> {
  const manifests = entries.map(({ descriptor, tag }) => (tag === undefined ? descriptor : {
    ...descriptor,
    annotations: { ...descriptor.annotations, 'org.opencontainers.image.ref.name': tag },
  }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
}

/** One-call layout: each image written and tagged; returns the manifest descriptors in order. */
export async function buildOciLayout(dir: string, images: readonly { tag?: string; image: ImageSpec }[]): Promise<BuilderDescriptor[]> {
  await initLayout(dir);
  const written = [];
  for (const { image } of images) written.push(await writeImage(dir, image));
  await writeIndexJson(dir, written.map((descriptor, i) => {
    const tag = images[i]?.tag;
    return tag === undefined ? { descriptor } : { descriptor, tag };
  }));
  return written;
}
