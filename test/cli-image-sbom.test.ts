// `palisade sbom <image-ref>` through the real CLI, on OCI layouts written by the test.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { palisade } from './cli-helpers.ts';
import { buildElf, buildInfoBlob, buildZip } from '../src/image/scan/__fixtures__/binaries.ts';
import { buildOciLayout } from './image/oci-builder.ts';

const DPKG_STATUS = 'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u1\n\nPackage: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n';
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n';
const LOCKFILE = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: { '': { name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.20' } }, 'node_modules/lodash': { version: '4.17.20' } },
});

const EXPECTED_PURLS = [
  'pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12',
  'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12',
  'pkg:npm/lodash@4.17.20',
];

const JAR = buildZip([
  { name: 'META-INF/maven/com.example/shop/pom.properties', data: 'groupId=com.example\nartifactId=shop\nversion=1.4.0\n' },
  { name: 'BOOT-INF/lib/jackson-databind.jar', data: buildZip([{ name: 'META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties', data: 'groupId=com.fasterxml.jackson.core\nartifactId=jackson-databind\nversion=2.15.2\n' }]), method: 'store' },
]);
const GO_BINARY = buildElf({ data: buildInfoBlob({ goVersion: 'go1.22.1', modinfo: 'path\texample.com/server\nmod\texample.com/server\tv1.0.0\t\ndep\tgolang.org/x/net\tv0.17.0\th1:x=\n' }) });

interface CycloneDx {
  readonly metadata: { readonly component: { readonly type: string; readonly name: string; readonly version: string } };
  readonly components: readonly { readonly type: string; readonly purl?: string; readonly properties?: readonly { readonly name: string; readonly value: string }[] }[];
}

interface Spdx {
  readonly spdxVersion: string;
  readonly packages: readonly { readonly name: string; readonly versionInfo?: string; readonly primaryPackagePurpose?: string; readonly externalRefs?: readonly { readonly referenceType: string; readonly referenceLocator: string }[] }[];
}

describe('palisade sbom <image-ref>', () => {
  let layout = '';
  let digest = '';
  let lowerDiffId = '';
  before(async () => {
    layout = join(await mkdtemp(join(tmpdir(), 'palisade-sbom-image-')), 'layout');
    const [descriptor] = await buildOciLayout(layout, [
      {
        tag: 'v1',
        image: {
          layers: [
            { 'etc/os-release': OS_RELEASE, 'var/lib/dpkg/status': DPKG_STATUS },
            { 'app/package-lock.json': LOCKFILE, 'app/.wh.old.txt': '' },
          ],
        },
      },
      { tag: 'binaries', image: { layers: [{ 'app/app.jar': JAR, 'usr/local/bin/server': GO_BINARY }] } },
    ]);
    digest = descriptor?.digest ?? '';
    const manifest = JSON.parse(await readFile(join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length)), 'utf8')) as { config: { digest: string } };
    const config = JSON.parse(await readFile(join(layout, 'blobs', 'sha256', manifest.config.digest.slice('sha256:'.length)), 'utf8')) as { rootfs: { diff_ids: string[] } };
    lowerDiffId = config.rootfs.diff_ids[0] ?? '';
  });

  it('writes CycloneDX with the image as a container subject and exact component purls', async () => {
    const run = await palisade(['sbom', `oci:${layout}:v1`, '--no-cache']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const bom = JSON.parse(run.stdout) as CycloneDx;
    assert.deepEqual(bom.metadata.component, { type: 'container', name: `oci:${layout}:v1`, version: digest, 'bom-ref': 'palisade:subject' });
    const purls = bom.components.flatMap((component) => (component.purl === undefined ? [] : [component.purl])).sort();
    assert.deepEqual(purls, EXPECTED_PURLS);
    const libssl = bom.components.find((component) => component.purl?.startsWith('pkg:deb/debian/libssl3@') === true);
    assert.equal(libssl?.properties?.find((property) => property.name === 'palisade:source-file')?.value, `oci:${layout}:v1@${lowerDiffId}:/var/lib/dpkg/status`);
    assert.deepEqual(bom.components.filter((component) => component.type === 'operating-system').length, 1);
  });

  it('writes SPDX 2.3 with the image as the CONTAINER package', async () => {
    const run = await palisade(['sbom', `oci:${layout}:v1`, '--format', 'spdx-json', '--no-cache']);
    assert.equal(run.code, 0);
    const document = JSON.parse(run.stdout) as Spdx;
    assert.equal(document.spdxVersion, 'SPDX-2.3');
    const subject = document.packages.find((item) => item.primaryPackagePurpose === 'CONTAINER');
    assert.deepEqual({ name: subject?.name, version: subject?.versionInfo }, { name: `oci:${layout}:v1`, version: digest });
    const purls = document.packages.flatMap((item) => item.externalRefs ?? []).filter((ref) => ref.referenceType === 'purl').map((ref) => ref.referenceLocator).sort();
    assert.deepEqual(purls, EXPECTED_PURLS);
  });

  it('gives the same components when the layer cache is used twice', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'palisade-sbom-cache-'));
    const first = await palisade(['sbom', `oci:${layout}:v1`], { env: { PALISADE_CACHE_DIR: cacheDir } });
    const second = await palisade(['sbom', `oci:${layout}:v1`], { env: { PALISADE_CACHE_DIR: cacheDir } });
    assert.equal(first.code, 0);
    assert.equal(second.code, 0);
    const purls = (text: string): string[] => (JSON.parse(text) as CycloneDx).components.flatMap((component) => (component.purl === undefined ? [] : [component.purl])).sort();
    assert.deepEqual(purls(second.stdout), purls(first.stdout));
    assert.deepEqual(purls(second.stdout), EXPECTED_PURLS);
  });

  it('lists the Maven packages inside jars and the Go modules inside executables', async () => {
    const run = await palisade(['sbom', `oci:${layout}:binaries`, '--no-cache']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const purls = (JSON.parse(run.stdout) as CycloneDx).components.flatMap((component) => (component.purl === undefined ? [] : [component.purl])).sort();
    assert.deepEqual(purls, [
      'pkg:golang/example.com/server@v1.0.0',
      'pkg:golang/golang.org/x/net@v0.17.0',
      'pkg:golang/stdlib@1.22.1',
      'pkg:maven/com.example/shop@1.4.0',
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2',
    ]);
  });

  const usageErrors: readonly { readonly name: string; readonly args: readonly string[]; readonly stderr: RegExp }[] = [
    { name: 'an empty oci path', args: ['sbom', 'oci:'], stderr: /Invalid image reference "oci:": the path is empty/ },
    { name: 'a missing OCI layout', args: ['sbom', 'oci:/nonexistent/layout'], stderr: /oci:\/nonexistent\/layout: the folder \/nonexistent\/layout does not exist/ },
    { name: 'a missing docker archive', args: ['sbom', 'docker-archive:/nonexistent.tar'], stderr: /the file \/nonexistent\.tar does not exist/ },
    { name: 'a bad --platform', args: ['sbom', 'oci:/nonexistent', '--platform', 'linux'], stderr: /--platform must be os\/arch/ },
    { name: 'image flags on a directory', args: ['sbom', '.', '--no-cache'], stderr: /apply to image targets/ },
  ];
  for (const { name, args, stderr } of usageErrors) {
    it(`exits 2 on ${name}`, async () => {
      const run = await palisade(args);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, stderr);
    });
  }
});
