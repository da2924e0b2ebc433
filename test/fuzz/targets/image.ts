// Image input (src/image): OCI/Docker manifests and indexes, image configs, referrers indexes,
// platforms, image targets, auth challenges, tar layers (gzip, zstd, none), Go build info and jars.
// Typed results or IMAGE_INVALID (USAGE for a target); a layer never throws and never yields an
// entry outside the image root.
import { Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import fc from 'fast-check';
import { pack } from 'tar-stream';
import { parseImageReference, parseReferenceParts } from '../../../src/core/image-ref.ts';
import { readLayer } from '../../../src/image/fs/layer-reader.ts';
import { buildElf, buildInfoBlob, buildZip } from '../../../src/image/scan/__fixtures__/binaries.ts';
import { readGoBuildInfo } from '../../../src/image/scan/go-binary.ts';
import { readJar } from '../../../src/image/scan/jar.ts';
import { parseJsonWithPositions } from '../../../src/image/scan/json-positions.ts';
import { parseImageConfig } from '../../../src/image/source/config.ts';
import { parseManifestDocument } from '../../../src/image/source/manifest.ts';
import { parsePlatform } from '../../../src/image/source/platform.ts';
import { parseChallenge } from '../../../src/image/source/registry/auth.ts';
import { parseReferrerIndex } from '../../../src/image/source/registry/referrers.ts';
import { parseImageTarget } from '../../../src/image/source/target.ts';
import { buildLayerTar } from '../../image/oci-builder.ts';
import type { FuzzTarget } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, onlyCodedErrorsAsync, utf8, violation } from '../harness.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: DIGEST, size: 1234 }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: DIGEST, size: 99, annotations: { a: 'b' } }] }, null, 2);
const DOCKER_MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: DIGEST, size: 7 }, layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: DIGEST, size: 1 }] });
const INDEX = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: 500, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: 5, artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }] }, null, 2);
const CONFIG = JSON.stringify({ created: '2024-01-01T00:00:00Z', architecture: 'amd64', os: 'linux', config: { User: '1000', Env: ['PATH=/usr/bin', 'SECRET=x'], Entrypoint: ['/app'], Cmd: null, ExposedPorts: { '22/tcp': {} }, Labels: { a: 'b' }, Healthcheck: { Test: ['CMD', 'true'] } }, rootfs: { type: 'layers', diff_ids: [DIGEST] }, history: [{ created_by: 'RUN x', empty_layer: true }] }, null, 2);

const TAR_MEDIA = 'application/vnd.oci.image.layer.v1.tar';

async function layerSamples(): Promise<Buffer[]> {
  const tar = await buildLayerTar({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.4-r2\n\n', 'app/a.txt': 'hello' });
  return [tar, gzipSync(tar), zstdCompressSync(tar)];
}

const entryArbitrary: fc.Arbitrary<FuzzEntry> = fc.record({
  name: fc.oneof(fc.constantFrom('etc/passwd', '../../escape', '/etc/shadow', './a//b/', 'a/../../b', '.wh.x', 'd/.wh..wh..opq', '', '.', 'x'.repeat(300)), fc.string({ maxLength: 40 })),
  type: fc.constantFrom('file' as const, 'directory' as const, 'symlink' as const, 'link' as const, 'character-device' as const, 'fifo' as const),
  linkname: fc.constantFrom('../../etc/passwd', '/etc/passwd', 'a', ''),
  content: fc.string({ maxLength: 64 }),
  compression: fc.constantFrom('gzip', 'zstd', 'none'),
});

interface FuzzEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  readonly linkname: string;
  readonly content: string;
  readonly compression: string;
}

function tarOf(entries: readonly FuzzEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  });
  const done = new Promise<void>((resolve) => archive.on('end', resolve));
  for (const entry of entries) {
    try {
      if (entry.type === 'file') archive.entry({ name: entry.name, type: 'file' }, entry.content);
      else archive.entry({ name: entry.name, type: entry.type, linkname: entry.linkname });
    } catch {
      // tar-stream refuses some names (too long for ustar): such an entry is left out.
    }
  }
  archive.finalize();
  return done.then(() => Buffer.concat(chunks));
}

/** Hostile tar layers, built entry by entry, in one of the three compressions (compressed lazily at check time). */
const layerGenerator = fc.array(entryArbitrary, { maxLength: 6 }).map((entries) => Buffer.from(JSON.stringify({ fuzzLayer: entries })));

function mediaTypeOf(bytes: Buffer): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return `${TAR_MEDIA}+gzip`;
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0xfd2fb528) return `${TAR_MEDIA}+zstd`;
  return TAR_MEDIA;
}

function isFuzzEntry(value: unknown): value is FuzzEntry {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string' && 'type' in value && typeof value.type === 'string';
}

async function layerBytes(input: Buffer): Promise<Buffer> {
  if (!input.subarray(0, 13).equals(Buffer.from('{"fuzzLayer":'))) return input;
  let entries: FuzzEntry[] = [];
  try {
    const parsed: unknown = JSON.parse(input.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'fuzzLayer' in parsed && Array.isArray(parsed.fuzzLayer)) entries = parsed.fuzzLayer.filter(isFuzzEntry);
  } catch {
    return input;
  }
  const tar = await tarOf(entries);
  const compression = entries[0]?.compression ?? 'none';
  return compression === 'gzip' ? gzipSync(tar) : compression === 'zstd' ? zstdCompressSync(tar) : tar;
}

function jsonTarget(name: string, samples: readonly string[], parse: (bytes: Buffer) => unknown, codes: readonly string[] = ['IMAGE_INVALID']): FuzzTarget {
  return { name, syntax: 'json', samples, check: (input) => void onlyCodedErrors(() => parse(input), codes) };
}

function textTarget(name: string, samples: readonly string[], parse: (text: string) => unknown, codes: readonly string[] = []): FuzzTarget {
  return { name, syntax: 'text', samples, check: (input) => void onlyCodedErrors(() => parse(utf8(input)), codes) };
}

const MODINFO = 'path\texample.com/tool\nmod\texample.com/tool\tv0.3.0\t\ndep\tgolang.org/x/text\tv0.13.0\th1:x=\n';

export const targets: readonly FuzzTarget[] = [
  jsonTarget('manifest', [MANIFEST, DOCKER_MANIFEST, INDEX], (bytes) => parseManifestDocument(bytes, undefined, 'fuzz manifest')),
  jsonTarget('manifest-typed', [MANIFEST, INDEX], (bytes) => parseManifestDocument(bytes, 'application/vnd.oci.image.index.v1+json; charset=utf-8', 'fuzz manifest')),
  jsonTarget('image-config', [CONFIG], (bytes) => parseImageConfig(bytes, 'fuzz config')),
  jsonTarget('referrers-index', [INDEX], (bytes) => parseReferrerIndex(bytes, 'fuzz referrers')),
  jsonTarget('json-positions', [CONFIG, MANIFEST], (bytes) => parseJsonWithPositions(utf8(bytes)), []),
  textTarget('platform', ['linux/amd64', 'linux/arm64/v8', 'windows/amd64', 'linux/arm/v7'], parsePlatform),
  textTarget('image-target', ['oci:./dir:tag', 'docker://registry.example.com:5000/repo/app@sha256:' + 'a'.repeat(64), 'docker-archive:/tmp/a.tar:app:1', 'oci-archive:x.tar', 'docker-daemon:app:latest'], parseImageTarget, ['USAGE', 'TARGET_UNSUPPORTED']),
  textTarget('image-reference', ['nginx', 'docker.io/library/nginx:1.25@sha256:' + 'b'.repeat(64), 'localhost:5000/a/b/c:tag', 'ghcr.io/o/r'], (text) => [parseImageReference(text), parseReferenceParts(text)]),
  textTarget('auth-challenge', ['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"', 'Basic realm="Registry"', 'Bearer realm="x", error="insufficient_scope"'], parseChallenge),
  {
    name: 'go-build-info',
    syntax: 'bytes',
    samples: [buildElf({ data: buildInfoBlob({ goVersion: 'go1.22.1', modinfo: MODINFO }) }), buildElf({ data: buildInfoBlob({ goVersion: 'go1.21.5', modinfo: MODINFO }), locate: 'segment' })],
    check: (input) => void onlyCodedErrors(() => readGoBuildInfo(input), []),
  },
  {
    name: 'jar',
    syntax: 'bytes',
    samples: [buildZip([{ name: 'META-INF/maven/org.apache.commons/commons-text/pom.properties', data: 'groupId=org.apache.commons\nartifactId=commons-text\nversion=1.9\n' }, { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\nImplementation-Title: x\nImplementation-Version: 2\n', method: 'store' }])],
    check: async (input) => void (await onlyCodedErrorsAsync(() => readJar(input), [])),
  },
  {
    name: 'layer',
    syntax: 'bytes',
    samples: await layerSamples(),
    generator: layerGenerator,
    async check(input) {
      const bytes = await layerBytes(input);
      const descriptor = { digest: DIGEST, size: bytes.length, mediaType: mediaTypeOf(bytes), open: () => Promise.resolve(Readable.from([bytes])) };
      const visitor = { wants: () => true, content: () => undefined };
      const result = await onlyCodedErrorsAsync(() => readLayer(descriptor, visitor, { label: 'fuzz@layer', maxContentBytes: 1024 * 1024 }), []);
      if (result === undefined) return;
      checkScanErrors([...result.problems, ...(result.failure === undefined ? [] : [result.failure])], 'fuzz@layer');
      for (const entry of result.entries) {
        const segments = entry.path.split('/');
        violation(!entry.path.startsWith('/') && !segments.includes('..'), `layer entry ${JSON.stringify(entry.path)} is outside the image root`);
        if (entry.type === 'hardlink' && entry.target !== undefined) violation(!entry.target.split('/').includes('..'), `hard link target ${JSON.stringify(entry.target)} escapes`);
      }
    },
  },
];
