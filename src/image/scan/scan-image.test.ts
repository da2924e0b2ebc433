import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { secretRules } from '../../secrets/index.ts';
import { runRules } from '../../scan/run-rules.ts';
import { openLayerCache } from '../cache/index.ts';
import { imageRules } from '../rules/index.ts';
import type { ImageConfigFile } from '../source/types.ts';
import type { TarEntry } from './__fixtures__/memory-image.ts';
import { bombLayer, files, layerOf, memoryImage, memoryLayer, tarOf } from './__fixtures__/memory-image.ts';
import type { ImageScanRequest } from './scan-image.ts';
import { scanImage } from './scan-image.ts';

const DPKG_STATUS = [
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u7\n',
  'Package: bsdutils\nStatus: install ok installed\nArchitecture: amd64\nSource: util-linux (2.38.1-5)\nVersion: 1:2.38.1-5+deb12u1\n',
].join('\n');
const PACKAGE_LOCK = JSON.stringify({
  name: 'web',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: { '': { name: 'web', version: '1.0.0', dependencies: { lodash: '^4.17.20' } }, 'node_modules/lodash': { version: '4.17.20' } },
});
const AWS_KEY = 'AKIAZ7Q3N5KX2WJ4TB6P';
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';

const REQUEST: ImageScanRequest = { rules: secretRules, runRules };

const HISTORY: ImageConfigFile['history'] = [
  { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
  { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
  { created_by: 'COPY .env /app/ # buildkit' },
  { created_by: 'RUN /bin/sh -c rm /app/.env # buildkit' },
];

function base(): TarEntry[] {
  return [
    ...files({ 'usr/lib/os-release': OS_RELEASE, 'var/lib/dpkg/status': DPKG_STATUS, 'app/package-lock.json': PACKAGE_LOCK }),
    { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
  ];
}

describe('scanImage: inventories of the final filesystem', () => {
  it('reads dpkg and npm inventories from a lower layer, qualified by os-release behind a symlink', async () => {
    const lower = await layerOf(base());
    const upper = await layerOf(files({ 'app/server.js': 'console.log(1)\n' }));
    const result = await scanImage(memoryImage('oci:./img:v1', [lower, upper], { history: HISTORY }), REQUEST);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.distribution, { id: 'debian', versionId: '12', versionCodename: 'bookworm' });
    const summary = result.inventories.map((inventory) => [inventory.source.path, inventory.format, inventory.ecosystem, inventory.packages.length]);
    assert.deepEqual(summary, [
      [`oci:./img:v1@${lower.digest}:/app/package-lock.json`, 'package-lock@3', 'npm', 1],
      [`oci:./img:v1@${lower.digest}:/var/lib/dpkg/status`, 'dpkg-status', 'Debian', 2],
    ]);
    const dpkg = result.inventories[1];
    assert.equal(dpkg?.packages[0]?.purl, 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12');
    assert.deepEqual(result.layers.map((layer) => [layer.index, layer.createdBy, layer.files, layer.cached]), [
      [1, 'ADD file:abc in /', 3, false],
      [2, 'COPY .env /app/', 1, false],
    ]);
    assert.equal(result.artifacts[0]?.kind, 'image-config');
  });

  it('drops inventories deleted or replaced by a later layer (file whiteout, opaque directory)', async () => {
    const lower = await layerOf(base());
    const deletes = await layerOf([{ name: 'app/.wh.package-lock.json' }, { name: 'var/lib/dpkg/.wh..wh..opq' }, ...files({ 'var/lib/dpkg/status': 'Package: only\nStatus: install ok installed\nVersion: 1.0\nArchitecture: all\n' })]);
    const result = await scanImage(memoryImage('img', [lower, deletes]), REQUEST);
    assert.deepEqual(result.inventories.map((inventory) => [inventory.source.path, inventory.packages.map((entry) => entry.name)]), [[`img@${deletes.digest}:/var/lib/dpkg/status`, ['only']]]);
  });

  it('drops a whole directory deleted by a whiteout', async () => {
    const lower = await layerOf(base());
    const deletes = await layerOf([{ name: '.wh.app' }]);
    const result = await scanImage(memoryImage('img', [lower, deletes]), REQUEST);
    assert.deepEqual(result.inventories.map((inventory) => inventory.format), ['dpkg-status']);
  });

  it('reads installed packages (node_modules, Python dist-info) of the final filesystem', async () => {
    const lower = await layerOf(files({
      'app/node_modules/lodash/package.json': '{"name": "lodash", "version": "4.17.20"}',
      'app/node_modules/left-pad/package.json': '{"name": "left-pad", "version": "1.3.0"}',
      'usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n',
    }));
    const upper = await layerOf([{ name: 'app/node_modules/left-pad/.wh.package.json' }]);
    const result = await scanImage(memoryImage('img', [lower, upper]), REQUEST);
    assert.deepEqual(result.inventories.map((inventory) => inventory.packages.map((entry) => entry.purl)), [['pkg:npm/lodash@4.17.20'], ['pkg:pypi/requests@2.31.0']]);
  });

  it('reads zstd layers', async () => {
    const lower = await layerOf(base(), 'zstd');
    const result = await scanImage(memoryImage('img', [lower]), REQUEST);
    assert.deepEqual(result.inventories.map((inventory) => inventory.format), ['package-lock@3', 'dpkg-status']);
  });
});

describe('scanImage: secrets in every layer', () => {
  it('reports a secret in a file deleted by a later layer, naming the layer and its instruction', async () => {
    const os = await layerOf(files({ 'etc/os-release': OS_RELEASE }));
    const adds = await layerOf(files({ 'app/.env': `# settings\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n` }));
    const removes = await layerOf([{ name: 'app/.wh..env' }]);
    const result = await scanImage(memoryImage('registry.example/app:1', [os, adds, removes], { history: HISTORY }), REQUEST);
    assert.deepEqual(result.errors, []);
    const findings = result.findings.filter((finding) => finding.kind === 'secret');
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.location.path, `registry.example/app:1@${adds.digest}:/app/.env`);
    assert.deepEqual([finding?.location.startLine, finding?.location.startColumn, finding?.location.endColumn], [2, 19, 39]);
    assert.match(finding?.message ?? '', / Present in layer 2 \(COPY \.env \/app\/\) although deleted by a later layer: still in the image\.$/);
    assert.ok(!(finding?.evidence ?? '').includes(AWS_KEY), 'evidence is redacted');
  });

  it('says "replaced" for a file a later layer overwrote, and reports the secret in both layers with distinct fingerprints', async () => {
    const first = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
    const second = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n# edited\n` }));
    const result = await scanImage(memoryImage('img', [first, second]), REQUEST);
    const messages = result.findings.map((finding) => finding.message.replace(/^.*?\. /, ''));
    assert.deepEqual(messages, ['Present in layer 1 although replaced by a later layer: still in the image.', 'In layer 2.']);
    assert.notEqual(result.findings[0]?.fingerprint, result.findings[1]?.fingerprint);
  });

  it('skips binaries and reports text files over maxFileSize', async () => {
    const layer = await layerOf([
      { name: 'bin/tool', content: Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`KEY=${AWS_KEY}`)]) },
      ...files({ 'data/huge.txt': `KEY=${AWS_KEY}\n${'x'.repeat(5000)}` }),
    ]);
    const result = await scanImage(memoryImage('img', [layer]), { ...REQUEST, maxFileSize: 4096 });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.errors.map((error) => [error.path, error.code]), [[`img@${layer.digest}:/data/huge.txt`, 'FILE_TOO_LARGE']]);
  });

  it('holds at most maxWantedBytes of package files, reporting the first one left out', async () => {
    const layer = await layerOf(files({ 'a/package-lock.json': PACKAGE_LOCK, 'b/package-lock.json': PACKAGE_LOCK, 'c/package-lock.json': PACKAGE_LOCK }));
    const result = await scanImage(memoryImage('img', [layer]), { ...REQUEST, maxWantedBytes: PACKAGE_LOCK.length * 2 });
    assert.deepEqual(result.inventories.map((inventory) => inventory.source.path), [`img@${layer.digest}:/a/package-lock.json`, `img@${layer.digest}:/b/package-lock.json`]);
    assert.deepEqual(result.errors.map((error) => [error.path, error.code]), [[`img@${layer.digest}:/c/package-lock.json`, 'FILE_TOO_LARGE']]);
  });

  it('scans no file contents for secrets when no text rule is selected', async () => {
    const layer = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
    const result = await scanImage(memoryImage('img', [layer]), { rules: [], runRules });
    assert.deepEqual(result.findings, []);
  });
});

describe('scanImage: broken and hostile layers', () => {
  it('reports a truncated gzip layer as IMAGE_INVALID and still scans the other layers', async () => {
    const good = await layerOf(base());
    const tar = await tarOf(files({ 'opt/a.txt': 'a'.repeat(50_000), 'opt/b.txt': 'b'.repeat(50_000) }));
    const gzipped = gzipSync(tar, { level: 0 });
    const broken = memoryLayer(gzipped.subarray(0, 40_000), 'application/vnd.oci.image.layer.v1.tar+gzip');
    const top = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
    const result = await scanImage(memoryImage('img', [good, broken, top]), REQUEST);
    assert.deepEqual(result.errors.map((error) => [error.path, error.code]), [[`img@${broken.digest}`, 'IMAGE_INVALID']]);
    assert.match(result.errors[0]?.message ?? '', /^Layer sha256:[0-9a-f]{64} could not be read to its end \(1 entries read\): /);
    assert.deepEqual(result.inventories.map((inventory) => inventory.format), ['package-lock@3', 'dpkg-status']);
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.layers.map((layer) => layer.files), [3, 1, 1]);
  });

  it('never places entries outside the image root (path traversal, absolute symlinks)', async () => {
    const layer = await layerOf([
      { name: '../../../etc/os-release', content: 'ID=evil\n' },
      { name: 'etc/os-release', type: 'symlink', linkname: '/../../../../usr/lib/os-release' },
      ...files({ 'usr/lib/os-release': 'ID=alpine\nVERSION_ID=3.20.3\n' }),
    ]);
    const result = await scanImage(memoryImage('img', [layer]), REQUEST);
    assert.deepEqual(result.distribution, { id: 'alpine', versionId: '3.20.3' });
    assert.deepEqual(result.errors.map((error) => [error.path, error.message]), [[`img@${layer.digest}`, 'Entry "../../../etc/os-release" climbs out of the image root; ignored']]);
  });
});

describe('scanImage: decompressed limits', () => {
  const MiB = 1024 * 1024;

  for (const compression of ['gzip', 'zstd'] as const) {
    it(`stops a ${compression} bomb layer at maxLayerBytes and scans the other layers`, async () => {
      const good = await layerOf(base());
      const bomb = bombLayer(compression, 1024);
      const top = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
      const result = await scanImage(memoryImage('img', [good, bomb, top]), { ...REQUEST, limits: { maxLayerBytes: 4 * MiB } });
      const message = `Layer ${bomb.digest} decompresses to more than ${4 * MiB} bytes (the limit per layer, maxLayerBytes); reading stopped after 1 entry, the rest of the layer is not scanned`;
      assert.deepEqual(result.errors, [{ path: `img@${bomb.digest}`, code: 'FILE_TOO_LARGE', message }]);
      assert.deepEqual(result.inventories.map((inventory) => inventory.format), ['package-lock@3', 'dpkg-status']);
      assert.equal(result.findings.length, 1);
      assert.deepEqual(result.layers.map((layer) => layer.files), [3, 1, 1]);
    });
  }

  it('cuts the layer that crosses maxImageBytes and does not read the later ones', async () => {
    const entries = [...base(), { name: 'opt/pad.bin', content: Buffer.alloc(MiB) }];
    const first = await layerOf(entries);
    const second = await layerOf([{ name: 'opt/second.bin', content: Buffer.alloc(MiB) }]);
    const third = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
    const limit = (await tarOf(entries)).length + 1000;
    const result = await scanImage(memoryImage('img', [first, second, third]), { ...REQUEST, limits: { maxImageBytes: limit } });
    assert.deepEqual(result.errors, [
      { path: `img@${second.digest}`, code: 'FILE_TOO_LARGE', message: `Layer ${second.digest} decompresses to more than 1000 bytes (what is left of the limit per image, maxImageBytes ${limit}); reading stopped after 0 entries, the rest of the layer is not scanned` },
      { path: `img@${third.digest}`, code: 'FILE_TOO_LARGE', message: `Layer ${third.digest} was not read: the layers before it used up the limit per image of ${limit} decompressed bytes (maxImageBytes); its files are not scanned` },
    ]);
    assert.deepEqual(result.inventories.map((inventory) => inventory.format), ['package-lock@3', 'dpkg-status']);
    assert.deepEqual([result.findings.length, result.layers.map((layer) => layer.files)], [0, [4, 0, 0]]);
  });

  it('counts a cached layer by the sizes of its entries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-limits-'));
    const cache = openLayerCache(join(dir, 'layers.db'));
    try {
      const first = await layerOf([...base(), { name: 'opt/pad.bin', content: Buffer.alloc(MiB) }]);
      const second = await layerOf(files({ 'app/.env': `KEY=${AWS_KEY}\n` }));
      await scanImage(memoryImage('img', [first]), { ...REQUEST, cache });
      const result = await scanImage(memoryImage('img', [first, second]), { ...REQUEST, cache, limits: { maxImageBytes: MiB } });
      assert.deepEqual(result.layers.map((layer) => layer.cached), [true, false]);
      assert.deepEqual(result.errors.map((error) => [error.path, error.code]), [[`img@${second.digest}`, 'FILE_TOO_LARGE']]);
      assert.match(result.errors[0]?.message ?? '', /was not read: the layers before it used up the limit per image/);
    } finally {
      cache.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scanImage: layer cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-layer-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses a shared base layer across two images and a rescan', async () => {
    const cache = openLayerCache(join(dir, 'layers.sqlite'));
    try {
      const shared = await layerOf([...base(), ...files({ 'app/.env': `KEY=${AWS_KEY}\n` })]);
      const appA = await layerOf(files({ 'app/a.js': '1' }));
      const appB = await layerOf(files({ 'app/b.js': '2' }));
      const first = await scanImage(memoryImage('a', [shared, appA]), { ...REQUEST, cache });
      assert.deepEqual(cache.stats(), { hits: 0, misses: 2, writes: 2 });
      const second = await scanImage(memoryImage('b', [shared, appB]), { ...REQUEST, cache });
      assert.deepEqual(cache.stats(), { hits: 1, misses: 3, writes: 3 });
      assert.equal(shared.opened(), 1);
      assert.deepEqual(second.layers.map((layer) => layer.cached), [true, false]);
      assert.deepEqual(second.inventories.map((inventory) => inventory.source.path), [`b@${shared.digest}:/app/package-lock.json`, `b@${shared.digest}:/var/lib/dpkg/status`]);
      assert.deepEqual(second.distribution, first.distribution);
      assert.deepEqual(second.findings.map((finding) => [finding.location.path, finding.fingerprint]), first.findings.map((finding) => [finding.location.path.replace(/^a@/, 'b@'), finding.fingerprint]));
      await scanImage(memoryImage('a', [shared, appA]), { ...REQUEST, cache });
      assert.deepEqual(cache.stats(), { hits: 3, misses: 3, writes: 3 });
      const other = await scanImage(memoryImage('a', [shared]), { ...REQUEST, cache, cacheSalt: 'other rule options' });
      assert.equal(other.layers[0]?.cached, false);
    } finally {
      cache.close();
    }
  });

  it('scans without the cache when it fails, reporting DB_UNAVAILABLE once', async () => {
    const failing = { path: '/x/cache.sqlite', get: () => { throw new Error('database is locked'); }, put: () => { throw new Error('disk full'); }, stats: () => ({ hits: 0, misses: 0, writes: 0 }), close: () => undefined };
    const result = await scanImage(memoryImage('img', [await layerOf(base()), await layerOf(files({ 'a.txt': 'a' }))]), { ...REQUEST, cache: failing });
    assert.deepEqual(result.errors, [{ path: '/x/cache.sqlite', code: 'DB_UNAVAILABLE', message: 'The image layer cache could not be used (database is locked); layers were scanned without it' }]);
    assert.equal(result.inventories.length, 2);
  });

  it('does not cache a layer that could not be read', async () => {
    const cache = openLayerCache(join(dir, 'broken.sqlite'));
    try {
      const broken = memoryLayer(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), 'application/vnd.oci.image.layer.v1.tar+gzip');
      await scanImage(memoryImage('img', [broken]), { ...REQUEST, cache });
      await scanImage(memoryImage('img', [broken]), { ...REQUEST, cache });
      assert.deepEqual(cache.stats(), { hits: 0, misses: 2, writes: 0 });
    } finally {
      cache.close();
    }
  });
});

describe('scanImage: image config rules', () => {
  it('flags an image that runs as root, located in the config by JSON pointer', async () => {
    const layer = await layerOf(files({ 'app/a.js': '1' }));
    const config: ImageConfigFile = { created: '2026-01-01T00:00:00Z', config: { Env: ['PATH=/usr/bin'], Healthcheck: { Test: ['CMD', 'true'] }, Labels: { 'org.opencontainers.image.source': 'x', 'org.opencontainers.image.revision': 'y' } } };
    const result = await scanImage(memoryImage('registry.example/app:1', [layer], config), { rules: imageRules, runRules, now: new Date('2026-02-01T00:00:00Z') });
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.messageId, finding.location]), [
      ['IMG-0001', 'missing', { path: 'registry.example/app:1', startLine: 3, startColumn: 3, endLine: 3, endColumn: 11, jsonPointer: '/config/User' }],
    ]);
  });

  it('runs the age rule against the scan clock', async () => {
    const config: ImageConfigFile = { created: '2020-01-01T00:00:00Z', config: { User: 'app' } };
    const result = await scanImage(memoryImage('img', [], config), { rules: imageRules.filter((rule) => rule.meta.slug === 'no-stale-image'), runRules, now: new Date('2021-01-01T00:00:00Z') });
    assert.deepEqual(result.findings.map((finding) => finding.message), ['The image was created on 2020-01-01, 366 days ago (more than maxAgeDays, 365).']);
  });
});
