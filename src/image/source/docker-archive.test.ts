import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isPalisadeError, nullThrows, type ErrorCode } from '../../core/index.ts';
import { buildLayerTar, buildOciLayout, sha256, type FileMap } from '../../../test/image/oci-builder.ts';
import { skipWithout, skopeoCopy } from '../../../test/image/registry.ts';
import { readAll } from '../../../test/image/streams.ts';
import { openImage } from './open.ts';
import { indexTar } from './tar-index.ts';

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalisadeError(error), String(error));
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

async function tarDirectory(dir: string): Promise<Buffer> {
  const files: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = await readFile(join(entry.parentPath, entry.name));
  }
  return buildLayerTar(files);
}

/** A `docker save` archive in the legacy layout, the second image reusing the first one's layer through a symlink. */
async function legacyArchive(): Promise<{ bytes: Buffer; layers: Buffer[]; configs: Buffer[] }> {
  const layers = [await buildLayerTar({ 'etc/os-release': 'ID=alpine\n' }), await buildLayerTar({ 'app/run.sh': '#!/bin/sh\n' })];
  const diffIds = layers.map((layer) => sha256(layer));
  const configs = [
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: 'app', Cmd: ['/app/run.sh'] }, rootfs: { type: 'layers', diff_ids: diffIds } })),
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: diffIds.slice(0, 1) } })),
  ];
  const configNames = configs.map((config) => `${sha256(config).slice(7)}.json`);
  const files: FileMap = {
    'aaa/': { type: 'directory' },
    'aaa/VERSION': '1.0',
    'aaa/layer.tar': layers[0] ?? '',
    'bbb/layer.tar': layers[1] ?? '',
    'ccc/layer.tar': { type: 'symlink', linkname: '../aaa/layer.tar' },
    [nullThrows(configNames[0], 'c0')]: configs[0] ?? '',
    [nullThrows(configNames[1], 'c1')]: configs[1] ?? '',
    'manifest.json': JSON.stringify([
      { Config: configNames[0], RepoTags: ['example.com/team/app:1.0', 'app:latest'], Layers: ['aaa/layer.tar', 'bbb/layer.tar'] },
      { Config: configNames[1], RepoTags: ['alpine:3.19'], Layers: ['ccc/layer.tar'] },
    ]),
    repositories: '{}',
  };
  return { bytes: await buildLayerTar(files), layers, configs };
}

describe('docker-archive:', () => {
  let root = '';
  let legacyPath = '';
  let legacy: Awaited<ReturnType<typeof legacyArchive>>;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'palisade-archive-'));
    legacy = await legacyArchive();
    legacyPath = join(root, 'legacy.tar');
    await writeFile(legacyPath, legacy.bytes);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reads a legacy docker save archive by name, streaming layers from their offsets', async () => {
    const image = await openImage(`docker-archive:${legacyPath}:app`);
    assert.equal(image.transport, 'docker-archive');
    assert.equal(image.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.equal(image.configDigest, sha256(nullThrows(legacy.configs[0], 'config')));
    assert.deepEqual(image.config.config, { User: 'app', Cmd: ['/app/run.sh'] });
    assert.deepEqual(image.layers.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })), legacy.layers.map((layer) => ({
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest: sha256(layer), size: layer.length,
    })));
    for (const [i, layer] of image.layers.entries()) assert.deepEqual(await readAll(await layer.open()), legacy.layers[i]);
    assert.match(image.manifestDigest, /^sha256:[0-9a-f]{64}$/);
  });

  it('selects by full name, by index, and follows symlinked layers', async () => {
    const byName = await openImage(`docker-archive:${legacyPath}:example.com/team/app:1.0`);
    assert.equal(byName.layers.length, 2);
    const second = await openImage(`docker-archive:${legacyPath}:@1`);
    const third = await openImage(`docker-archive:${legacyPath}:docker.io/library/alpine:3.19`);
    assert.equal(second.configDigest, third.configDigest);
    assert.deepEqual(await readAll(await nullThrows(second.layers[0], 'layer').open()), legacy.layers[0]);
  });

  it('hashes legacy layers that are compressed, and records their media type', async () => {
    const tar = await buildLayerTar({ f: 'x' });
    const gz = gzipSync(tar);
    const config = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [sha256(tar)] } });
    const path = join(root, 'gzip-layers.tar');
    await writeFile(path, await buildLayerTar({ 'c.json': config, 'l/layer.tar': gz, 'manifest.json': JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]) }));
    const image = await openImage(`docker-archive:${path}`);
    assert.deepEqual(image.layers.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })), [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: sha256(gz), size: gz.length }]);
    assert.deepEqual(await readAll(await nullThrows(image.layers[0], 'layer').open()), gz);
  });

  it('names what the archive holds when the selection fails', async () => {
    const holds = 'tags: example.com/team/app:1.0, app:latest, alpine:3.19';
    await rejectsWith(openImage(`docker-archive:${legacyPath}`), 'IMAGE_NOT_FOUND', `docker-archive:${legacyPath}: the archive holds 2 images; name one with :<name:tag> or :@<index> (${holds}).`);
    await rejectsWith(openImage(`docker-archive:${legacyPath}:nginx`), 'IMAGE_NOT_FOUND', `docker-archive:${legacyPath}:nginx: no image tagged "nginx"; the archive holds ${holds}.`);
    await rejectsWith(openImage(`docker-archive:${legacyPath}:@5`), 'IMAGE_NOT_FOUND', `docker-archive:${legacyPath}:@5: there is no image @5; the archive holds ${holds}.`);
    await rejectsWith(openImage(`docker-archive:${join(root, 'none.tar')}`), 'IMAGE_NOT_FOUND', `docker-archive:${join(root, 'none.tar')}: the file ${join(root, 'none.tar')} does not exist.`);
  });

  it('reads the OCI layout inside a Docker 25+ archive, with containerd names', async () => {
    const layoutDir = join(root, 'layout');
    const [manifest] = await buildOciLayout(layoutDir, [{ tag: '1.0', image: { layers: [{ a: 'a' }], compression: 'none' } }]);
    const index = JSON.parse(await readFile(join(layoutDir, 'index.json'), 'utf8'));
    index.manifests[0].annotations['io.containerd.image.name'] = 'docker.io/library/app:1.0';
    await writeFile(join(layoutDir, 'index.json'), JSON.stringify(index));
    await writeFile(join(layoutDir, 'manifest.json'), '[]');
    const path = join(root, 'oci.tar');
    await writeFile(path, await tarDirectory(layoutDir));
    for (const reference of [`docker-archive:${path}`, `docker-archive:${path}:app:1.0`, `docker-archive:${path}:1.0`, `docker-archive:${path}:@0`]) {
      const image = await openImage(reference);
      assert.equal(image.manifestDigest, manifest?.digest, reference);
      assert.equal(image.layers[0]?.mediaType, 'application/vnd.oci.image.layer.v1.tar');
      const layer = nullThrows(image.layers[0], 'layer');
      assert.equal((await readAll(await layer.open())).length, layer.size);
    }
  });

  it('reads an archive written by skopeo copy oci: docker-archive:', async (t) => {
    if (skipWithout(t, 'skopeo')) return;
    const layoutDir = join(root, 'for-skopeo');
    await buildOciLayout(layoutDir, [{ tag: 'v1', image: { layers: [{ 'etc/x': 'x\n' }, { 'etc/y': 'y\n' }], config: { config: { User: '1000' } } } }]);
    const path = join(root, 'skopeo.tar');
    await skopeoCopy(`oci:${layoutDir}:v1`, `docker-archive:${path}:example.com/app:v1`);
    const image = await openImage(`docker-archive:${path}:example.com/app:v1`);
    assert.deepEqual(image.config.config, { User: '1000' });
    assert.equal(image.layers.length, 2);
    for (const layer of image.layers) {
      assert.equal((await readAll(await layer.open())).length, layer.size);
      assert.match(layer.mediaType, /^application\/vnd\.docker\.image\.rootfs\.diff\.tar/);
    }
  });

  it('rejects what is not a docker save archive, with the position', async () => {
    const cases: readonly [string, Buffer, RegExp][] = [
      ['random.tar', Buffer.alloc(2048, 7), /random\.tar: invalid tar header at byte 0: bad header checksum \(not a tar archive, or a compressed one\)\.$/],
      ['gzipped.tar', gzipSync(legacy.bytes), /gzipped\.tar: invalid tar header at byte 0: bad header checksum/],
      ['truncated.tar', legacy.bytes.subarray(0, 1024 + 100), /truncated\.tar: invalid tar header at byte 1536: the archive is truncated\.$/],
      ['claims-too-much.tar', legacy.bytes.subarray(0, 2048 + 100), /claims-too-much\.tar: invalid tar header at byte \d+: the entry claims \d+ bytes but the file ends first\.$/],
      ['empty-tar.tar', Buffer.alloc(1024), /empty-tar\.tar is a tar archive but neither a docker save archive \(no manifest\.json\) nor an OCI layout \(no index\.json\)\.$/],
      ['bad-manifest.tar', await buildLayerTar({ 'manifest.json': '[{"Config": 1}]' }), /bad-manifest\.tar: manifest\.json entry 0 needs "Config" and "Layers"\.$/],
      ['json-error.tar', await buildLayerTar({ 'manifest.json': '{' }), /json-error\.tar: manifest\.json is not valid JSON/],
      ['missing-layer.tar', await buildLayerTar({ 'c.json': '{}', 'manifest.json': '[{"Config":"c.json","Layers":["x/layer.tar"]}]' }), /missing-layer\.tar: layer x\/layer\.tar named in manifest\.json is missing from the archive\.$/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(root, name);
      await writeFile(path, bytes);
      await rejectsWith(openImage(`docker-archive:${path}`), 'IMAGE_INVALID', message);
    }
  });

  it('indexes long pax names and huge archives of small entries', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(150)}`;
    const files: Record<string, string> = { [long]: 'long' };
    for (let i = 0; i < 1000; i++) files[`many/${i}`] = String(i);
    const path = join(root, 'pax.tar');
    await writeFile(path, await buildLayerTar(files));
    const entries = await indexTar(path);
    assert.equal(entries.size, 1001);
    assert.equal(entries.get(long)?.size, 4);
  });
});
