import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { isPalisadeError, nullThrows, type ErrorCode } from '../../core/index.ts';
import {
  buildLayer,
  buildOciLayout,
  initLayout,
  writeBlob,
  writeImage,
  writeIndexBlob,
  writeIndexJson,
  type BuilderDescriptor,
} from '../../../test/image/oci-builder.ts';
import { readAll } from '../../../test/image/streams.ts';
import { openImage } from './open.ts';
import { hostPlatform } from './platform.ts';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalisadeError(error), String(error));
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const ARMV7 = { os: 'linux', architecture: 'arm', variant: 'v7' };

describe('oci: layouts', () => {
  let root = '';
  let single = '';
  let multi = '';
  let images: BuilderDescriptor[] = [];
  let platforms: Record<string, BuilderDescriptor> = {};
  let nestedIndex: BuilderDescriptor | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'palisade-oci-'));
    single = join(root, 'single');
    images = await buildOciLayout(single, [
      { tag: 'v1', image: { layers: [{ 'etc/a': 'one\n' }, { 'etc/b': 'two\n' }], config: { config: { User: 'app', Env: ['A=1'] } } } },
      { tag: 'v2', image: { layers: [{ 'etc/c': 'three\n' }], compression: 'zstd' } },
    ]);
    multi = join(root, 'multi');
    await initLayout(multi);
    platforms = {
      amd64: await writeImage(multi, { layers: [{ arch: 'amd64\n' }], platform: AMD64 }),
      arm64: await writeImage(multi, { layers: [{ arch: 'arm64\n' }], platform: ARM64 }),
      armv7: await writeImage(multi, { layers: [{ arch: 'armv7\n' }], platform: ARMV7 }),
    };
    const index = await writeIndexBlob(multi, [platforms.armv7, platforms.arm64, platforms.amd64].map((d) => nullThrows(d, 'built')));
    nestedIndex = await writeIndexBlob(multi, [index]);
    await writeIndexJson(multi, [{ descriptor: index, tag: 'multi' }, { descriptor: nestedIndex, tag: 'nested' }]);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('selects by tag and reads config and layers', async () => {
    const image = await openImage(`oci:${single}:v1`);
    const manifest = nullThrows(images[0], 'built');
    assert.equal(image.transport, 'oci');
    assert.equal(image.reference, `oci:${single}:v1`);
    assert.equal(image.manifestDigest, manifest.digest);
    assert.equal(image.manifestMediaType, 'application/vnd.oci.image.manifest.v1+json');
    assert.deepEqual(image.config.config, { User: 'app', Env: ['A=1'] });
    assert.equal(image.config.rootfs?.diff_ids.length, 2);
    assert.deepEqual(image.layers.map((layer) => layer.mediaType), ['application/vnd.oci.image.layer.v1.tar+gzip', 'application/vnd.oci.image.layer.v1.tar+gzip']);
    const tar = gunzipSync(await readAll(await nullThrows(image.layers[0], 'layer').open()));
    assert.equal(tar.subarray(0, 5).toString(), 'etc/a');
    await image.close();
    await image.close();
  });

  it('selects by digest and records zstd layers faithfully', async () => {
    const manifest = nullThrows(images[1], 'built');
    const image = await openImage(`oci:${single}@${manifest.digest}`);
    assert.equal(image.manifestDigest, manifest.digest);
    assert.deepEqual(image.layers.map((layer) => layer.mediaType), ['application/vnd.oci.image.layer.v1.tar+zstd']);
    const layer = nullThrows(image.layers[0], 'layer');
    assert.equal((await readAll(await layer.open())).length, layer.size);
  });

  it('names the tags it has when the tag is missing', async () => {
    await rejectsWith(openImage(`oci:${single}:v9`), 'IMAGE_NOT_FOUND', `oci:${single}:v9: no image tagged "v9"; tags: v1, v2.`);
    await rejectsWith(openImage(`oci:${single}`), 'IMAGE_NOT_FOUND', `oci:${single}: the layout holds 2 images; name one with :<tag> or @<digest> (tags: v1, v2).`);
    await rejectsWith(openImage(`oci:${single}@sha256:${'0'.repeat(64)}`), 'IMAGE_NOT_FOUND', /no image with digest sha256:0{64}; tags: v1, v2\.$/);
  });

  it('picks the platform from an index (default, explicit, variant)', async () => {
    const cases: readonly [Record<string, string>, string][] = [
      [AMD64, 'amd64'],
      [{ os: 'linux', architecture: 'arm64' }, 'arm64'],
      [ARM64, 'arm64'],
      [{ os: 'linux', architecture: 'arm' }, 'armv7'],
    ];
    for (const [platform, expected] of cases) {
      const image = await openImage(`oci:${multi}:multi`, { platform: { os: nullThrows(platform.os, 'os'), architecture: nullThrows(platform.architecture, 'arch'), ...(platform.variant === undefined ? {} : { variant: platform.variant }) } });
      assert.equal(image.manifestDigest, nullThrows(platforms[expected], expected).digest, JSON.stringify(platform));
    }
    const host = hostPlatform();
    if (['amd64', 'arm64'].includes(host.architecture)) {
      const image = await openImage(`oci:${multi}:multi`);
      assert.equal(image.config.architecture, host.architecture);
    }
  });

  it('follows nested indexes', async () => {
    const image = await openImage(`oci:${multi}:nested`, { platform: ARM64 });
    assert.equal(image.manifestDigest, nullThrows(platforms.arm64, 'arm64').digest);
  });

  it('reads Docker v2 schema 2 manifests and manifest lists', async () => {
    const dir = join(root, 'docker-types');
    await initLayout(dir);
    const amd = await writeImage(dir, { layers: [{ a: 'amd' }], platform: AMD64, docker: true });
    const arm = await writeImage(dir, { layers: [{ a: 'arm' }], platform: ARMV7, docker: true, compression: 'none' });
    const list = await writeIndexBlob(dir, [amd, arm], { docker: true });
    await writeIndexJson(dir, [{ descriptor: list, tag: 'list' }]);
    const image = await openImage(`oci:${dir}:list`, { platform: ARMV7 });
    assert.equal(image.manifestDigest, arm.digest);
    assert.equal(image.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.deepEqual(image.layers.map((layer) => layer.mediaType), ['application/vnd.docker.image.rootfs.diff.tar']);
    const gzipped = await openImage(`oci:${dir}:list`, { platform: AMD64 });
    assert.deepEqual(gzipped.layers.map((layer) => layer.mediaType), ['application/vnd.docker.image.rootfs.diff.tar.gzip']);
  });

  it('says which platforms exist when none matches', async () => {
    await rejectsWith(openImage(`oci:${multi}:multi`, { platform: { os: 'linux', architecture: 's390x' } }), 'IMAGE_NOT_FOUND', `oci:${multi}:multi has no image for platform linux/s390x; it has linux/arm/v7, linux/arm64/v8, linux/amd64.`);
    await rejectsWith(openImage(`oci:${multi}:nested`, { platform: { os: 'windows', architecture: 'amd64' } }), 'IMAGE_NOT_FOUND', `oci:${multi}:nested has no image for platform windows/amd64.`);
    await rejectsWith(openImage(`oci:${multi}:multi`, { platform: { os: 'linux', architecture: 'arm', variant: 'v6' } }), 'IMAGE_NOT_FOUND', /no image for platform linux\/arm\/v6/);
  });
});

describe('oci: layouts that are broken', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'palisade-oci-bad-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function layout(name: string): Promise<{ dir: string; manifest: BuilderDescriptor }> {
    const dir = join(root, name);
    const [manifest] = await buildOciLayout(dir, [{ tag: 'v1', image: { layers: [{ f: 'x' }] } }]);
    return { dir, manifest: nullThrows(manifest, 'built') };
  }

  it('rejects missing folders, non-layouts and bad index.json', async () => {
    await rejectsWith(openImage(`oci:${join(root, 'nope')}`), 'IMAGE_NOT_FOUND', `oci:${join(root, 'nope')}: the folder ${join(root, 'nope')} does not exist.`);
    const { dir } = await layout('no-layout-file');
    await rm(join(dir, 'oci-layout'));
    await rejectsWith(openImage(`oci:${dir}`), 'IMAGE_INVALID', `oci:${dir}: ${join(dir, 'oci-layout')} is missing, so the folder is not an OCI image layout.`);
    const second = await layout('bad-index');
    await writeFile(join(second.dir, 'index.json'), '{"manifests": [');
    await rejectsWith(openImage(`oci:${second.dir}`), 'IMAGE_INVALID', new RegExp(`^${join(second.dir, 'index.json')} is not valid JSON`));
    await writeFile(join(second.dir, 'index.json'), JSON.stringify({ manifests: [{ mediaType: 'x', digest: 'sha256:zz', size: 1 }] }));
    await rejectsWith(openImage(`oci:${second.dir}`), 'IMAGE_INVALID', `${join(second.dir, 'index.json')}: manifests[0] has an invalid digest "sha256:zz".`);
    await writeFile(join(second.dir, 'index.json'), JSON.stringify({ manifests: [{ mediaType: 'x', digest: `sha256:${'a'.repeat(64)}`, size: -1 }] }));
    await rejectsWith(openImage(`oci:${second.dir}`), 'IMAGE_INVALID', `${join(second.dir, 'index.json')}: manifests[0] has an invalid size -1.`);
  });

  it('rejects a missing blob and a corrupted manifest', async () => {
    const { dir, manifest } = await layout('missing-blob');
    const path = join(dir, 'blobs', 'sha256', manifest.digest.slice(7));
    const bytes = await readFile(path);
    await writeFile(path, Buffer.concat([bytes, Buffer.from(' ')]));
    await rejectsWith(openImage(`oci:${dir}:v1`), 'IMAGE_INVALID', `manifest ${path} has ${bytes.length + 1} bytes, expected ${bytes.length} (${manifest.digest}).`);
    await rm(path);
    await rejectsWith(openImage(`oci:${dir}:v1`), 'IMAGE_INVALID', `manifest ${manifest.digest} is missing from ${dir} (no ${path}).`);
  });

  it('fails the layer stream when the blob does not match its digest', async () => {
    const { dir } = await layout('corrupt-layer');
    const image = await openImage(`oci:${dir}:v1`);
    const layer = nullThrows(image.layers[0], 'layer');
    const path = join(dir, 'blobs', 'sha256', layer.digest.slice(7));
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = (nullThrows(bytes[bytes.length - 1], 'byte') + 1) % 256;
    await writeFile(path, bytes);
    await rejectsWith(readAll(await layer.open()), 'IMAGE_INVALID', new RegExp(`^blob ${path} has digest sha256:[0-9a-f]{64}, expected ${layer.digest}\\.$`));
    await writeFile(path, Buffer.concat([bytes, Buffer.alloc(10)]));
    await rejectsWith(readAll(await layer.open()), 'IMAGE_INVALID', `blob ${path} is larger than the ${layer.size} bytes its descriptor states (${layer.digest}).`);
  });

  it('rejects unknown and schema 1 manifest types, naming them', async () => {
    const dir = join(root, 'odd-types');
    await initLayout(dir);
    const odd = await writeBlob(dir, JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.example.thing+json' }), 'application/vnd.example.thing+json');
    const schema1 = await writeBlob(dir, JSON.stringify({ schemaVersion: 1, name: 'x' }), 'application/vnd.docker.distribution.manifest.v1+prettyjws');
    await writeIndexJson(dir, [{ descriptor: odd, tag: 'odd' }, { descriptor: schema1, tag: 'old' }]);
    await rejectsWith(openImage(`oci:${dir}:odd`), 'IMAGE_INVALID', `oci:${dir}:odd: manifest ${odd.digest} has the unknown manifest media type "application/vnd.example.thing+json".`);
    await rejectsWith(openImage(`oci:${dir}:old`), 'IMAGE_INVALID', /is a Docker schema 1 manifest, which is not supported/);
  });

  it('keeps going on hostile configs and huge indexes', async () => {
    const dir = join(root, 'hostile');
    await initLayout(dir);
    const layer = await buildLayer({ f: 'x' });
    const layerDescriptor = await writeBlob(dir, layer.bytes, layer.mediaType);
    const config = await writeBlob(dir, JSON.stringify({ config: { User: 7, Env: ['A', 3], Labels: { a: 'b', c: 1 } }, history: [1, { created_by: 'RUN x', empty_layer: 'no' }], rootfs: 'x' }), 'application/vnd.oci.image.config.v1+json');
    const manifest = await writeBlob(dir, JSON.stringify({ schemaVersion: 2, config, layers: [layerDescriptor] }), 'application/vnd.oci.image.manifest.v1+json');
    const filler = Array.from({ length: 5000 }, (_, i) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${i.toString(16).padStart(64, '0')}`, size: 1, annotations: { 'org.opencontainers.image.ref.name': `t${i}` } }));
    await writeFile(join(dir, 'index.json'), JSON.stringify({ manifests: [...filler, { ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'real' } }] }));
    const image = await openImage(`oci:${dir}:real`);
    assert.deepEqual(image.config, { config: { Env: ['A'], Labels: { a: 'b' } }, history: [{ created_by: 'RUN x' }] });
    assert.equal(image.layers[0]?.digest, layer.digest);
  });
});
