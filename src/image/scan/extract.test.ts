// The extractor hook through the whole image scan: jars and Go executables read during the layer
// pass, their summaries kept (and cached) under their paths, whiteouts applied, size limits reported.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageAnalyzers } from '../../packages/index.ts';
import { runRules } from '../../scan/run-rules.ts';
import { openLayerCache } from '../cache/index.ts';
import { buildElf, buildInfoBlob, buildZip } from './__fixtures__/binaries.ts';
import { layerOf, memoryImage, memoryLayer, tarOf } from './__fixtures__/memory-image.ts';
import { MAX_EXTRACT_BYTES, readSummary, writeSummary } from './extract.ts';
import { installedBinaryExtractors, installedPackageAnalyzers } from './installed.ts';
import type { ImageScanResult } from './scan-image.ts';
import { analysisKey, scanImage } from './scan-image.ts';

const JAR = buildZip([{ name: 'META-INF/maven/org.apache.commons/commons-text/pom.properties', data: 'groupId=org.apache.commons\nartifactId=commons-text\nversion=1.9\n' }]);
const OLD_JAR = buildZip([{ name: 'META-INF/maven/log4j/log4j/pom.properties', data: 'groupId=log4j\nartifactId=log4j\nversion=1.2.17\n' }]);
const GO_BINARY = buildElf({ data: buildInfoBlob({ goVersion: 'go1.21.5', modinfo: 'path\texample.com/tool\nmod\texample.com/tool\tv0.3.0\t\ndep\tgolang.org/x/text\tv0.13.0\th1:x=\n' }) });

const REQUEST = { rules: [], runRules };

function packages(result: ImageScanResult): string[] {
  return result.inventories.flatMap((inventory) => inventory.packages.map((entry) => `${inventory.source.path.replace(/@sha256:[a-f0-9]+/, '@L')} ${entry.purl}`));
}

const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-extract-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('scanImage with the binary extractors', () => {
  it('lists Maven and Go packages of the final filesystem; a jar deleted later is not installed', async () => {
    const lower = await layerOf([
      { name: 'app/app.jar', content: JAR },
      { name: 'opt/old/log4j.jar', content: OLD_JAR },
      { name: 'usr/local/bin/tool', content: GO_BINARY },
      { name: 'usr/local/bin/tool-link', type: 'link', linkname: 'usr/local/bin/tool' },
    ]);
    const upper = await layerOf([{ name: 'opt/old/.wh.log4j.jar', content: '' }]);
    const result = await scanImage(memoryImage('oci:img', [lower, upper]), REQUEST);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(packages(result), [
      'oci:img@L:/app/app.jar pkg:maven/org.apache.commons/commons-text@1.9',
      'oci:img@L:/usr/local/bin/tool pkg:golang/example.com/tool@v0.3.0',
      'oci:img@L:/usr/local/bin/tool pkg:golang/golang.org/x/text@v0.13.0',
      'oci:img@L:/usr/local/bin/tool pkg:golang/stdlib@1.21.5',
      'oci:img@L:/usr/local/bin/tool-link pkg:golang/example.com/tool@v0.3.0',
      'oci:img@L:/usr/local/bin/tool-link pkg:golang/golang.org/x/text@v0.13.0',
      'oci:img@L:/usr/local/bin/tool-link pkg:golang/stdlib@1.21.5',
    ]);
    assert.deepEqual(result.inventories.map((inventory) => inventory.ecosystem), ['Maven', 'Go', 'Go']);
  });

  it('reads binaries over maxFileSize (their own limit is 64 MiB), and caches only their summaries', async () => {
    const layer = await layerOf([{ name: 'app/app.jar', content: JAR }, { name: 'bin/tool', content: GO_BINARY }]);
    const cache = openLayerCache(join(cacheDir, 'layers.sqlite'));
    try {
      const first = await scanImage(memoryImage('oci:a', [layer]), { ...REQUEST, maxFileSize: 64, cache });
      const second = await scanImage(memoryImage('oci:a', [layer]), { ...REQUEST, maxFileSize: 64, cache });
      assert.deepEqual(first.errors, []);
      assert.deepEqual(packages(first).length, 4);
      assert.deepEqual(packages(second), packages(first));
      assert.deepEqual(second.layers.map((scanned) => scanned.cached), [true]);
      assert.equal(layer.opened(), 1);
      const key = analysisKey([...packageAnalyzers, ...installedPackageAnalyzers], undefined, [], 64, '', installedBinaryExtractors);
      const sizes = [...(cache.get(layer.digest, key)?.files ?? new Map<string, Uint8Array>())].map(([path, bytes]) => [path, bytes.length < 1024]);
      assert.deepEqual(sizes, [['app/app.jar', true], ['bin/tool', true]]);
    } finally {
      cache.close();
    }
  });

  it('turns archive problems into errors located at the file in its layer', async () => {
    const layer = await layerOf([{ name: 'app/broken.jar', content: 'not a zip' }]);
    const result = await scanImage(memoryImage('oci:b', [layer]), REQUEST);
    assert.deepEqual(result.inventories, []);
    assert.deepEqual(result.errors.map((error) => [error.path.replace(/@sha256:[a-f0-9]+/, '@L'), error.code]), [['oci:b@L:/app/broken.jar', 'PARSE_FAILED']]);
  });

  it('reports an executable over 64 MiB and does not read it', async () => {
    const huge = Buffer.alloc(MAX_EXTRACT_BYTES + 1);
    GO_BINARY.copy(huge, 0, 0, 64);
    const layer = memoryLayer(await tarOf([{ name: 'bin/huge', content: huge }]), 'application/vnd.oci.image.layer.v1.tar', 1 << 20);
    const result = await scanImage(memoryImage('oci:c', [layer]), REQUEST);
    assert.deepEqual(result.inventories, []);
    assert.deepEqual(result.errors.map((error) => [error.path.replace(/@sha256:[a-f0-9]+/, '@L'), error.code, error.message]), [
      ['oci:c@L:/bin/huge', 'FILE_TOO_LARGE', `File is ${MAX_EXTRACT_BYTES + 1} bytes, over the limit of ${MAX_EXTRACT_BYTES} for reading the packages inside archives and executables; not analysed`],
    ]);
  });
});

describe('summaries', () => {
  it('round-trip, and anything else reads as no summary', () => {
    assert.deepEqual(readSummary('x', writeSummary('x', { a: [1] })), { a: [1] });
    assert.equal(readSummary('y', writeSummary('x', { a: 1 })), undefined);
    assert.equal(readSummary('x', '#palisade-extract x 1\n{'), undefined);
  });
});
