import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PalisadeError, createSourceDocument } from '../core/index.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import { FIXTURES } from './__fixtures__/load.ts';
import { parseSbom, readSbom } from './read.ts';

/** One line per entry: name@version, purl, direct, scope, range, edges, source package. */
function entries(inventory: PackageInventoryArtifact | undefined): string[] {
  return (inventory?.packages ?? []).map((entry) => {
    const { start, end } = entry.range;
    const edges = entry.dependencies.map((edge) => `${edge.name}@${edge.requirement ?? '*'}`).join(',');
    const source = entry.sourceName === undefined ? '' : ` src=${entry.sourceName}@${entry.sourceVersion ?? '?'}`;
    return `${entry.name}@${entry.version} ${entry.purl} direct=${String(entry.direct)} scope=${String(entry.scope)} ${start.line}:${start.column}-${end.line}:${end.column} [${edges}]${source}`;
  });
}

const foreign = (name: string): Promise<ReturnType<typeof parseSbom>> => readSbom(join(FIXTURES, 'foreign', name), { displayPath: name });

function sbomError(text: string): PalisadeError {
  try {
    parseSbom(createSourceDocument('bom.json', text));
  } catch (error) {
    if (error instanceof PalisadeError) return error;
    throw error;
  }
  throw new Error('expected SBOM_INVALID');
}

describe('readSbom: other tools’ documents', () => {
  it('reads cyclonedx-npm output: group + name, nested components, bom-ref edges, direct from the subject', async () => {
    const content = await foreign('cyclonedx-npm.cdx.json');
    assert.equal(content.format, 'cyclonedx-json');
    assert.equal(content.specVersion, '1.5');
    assert.deepEqual(content.inventories.map((inventory) => [inventory.ecosystem, inventory.format, inventory.source.path]), [['npm', 'cyclonedx-json', 'cyclonedx-npm.cdx.json']]);
    assert.deepEqual(entries(content.inventories[0]), [
      '@babel/core@7.23.0 pkg:npm/%40babel/core@7.23.0 direct=true scope=prod 23:5-46:6 [semver@6.3.1]',
      'semver@6.3.1 pkg:npm/semver@6.3.1 direct=false scope=undefined 38:9-44:10 []',
      'semver@7.5.4 pkg:npm/semver@7.5.4 direct=false scope=optional 47:5-54:6 []',
    ]);
    assert.equal(content.inventories[0]?.packages[0]?.integrity, 'sha512-Au8FIDa24Zl/Tcm9/YYqSc5ftjhxRrtQMzsL7OVWTDZ44e4ak5LY8DuaG/4L3TKGW/qZe6Jjsb/2+QzYoHBD4Q==');
    assert.deepEqual(content.unmatched, []);
    assert.deepEqual(content.errors, []);
  });

  it('reads a Syft image SBOM: ecosystems from purl types, distro and upstream qualifiers, unmatched components', async () => {
    const content = await foreign('syft-image.cdx.json');
    assert.deepEqual(content.inventories.map((inventory) => [inventory.ecosystem, inventory.distribution]), [
      ['Debian', { id: 'debian', versionId: '12' }],
      ['PyPI', undefined],
      ['Go', undefined],
    ]);
    assert.deepEqual(entries(content.inventories[0]), [
      'libc6@2.36-9+deb12u4 pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&upstream=glibc&distro=debian-12 direct=undefined scope=undefined 10:5-19:6 [libgcc-s1@12.2.0-14] src=glibc@?',
      'libgcc-s1@12.2.0-14 pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&upstream=gcc-12%4012.2.0-14&distro=debian-12 direct=undefined scope=undefined 20:5-26:6 [] src=gcc-12@12.2.0-14',
    ]);
    assert.deepEqual(entries(content.inventories[1]), ['PyYAML@6.0.1 pkg:pypi/pyyaml@6.0.1 direct=undefined scope=undefined 27:5-27:97 []']);
    assert.deepEqual(entries(content.inventories[2]), ['github.com/pkg/errors@0.9.1 pkg:golang/github.com/pkg/errors@v0.9.1 direct=undefined scope=undefined 28:5-28:131 []']);
    assert.deepEqual(content.unmatched, [
      { name: 'vendored-thing', version: '2.0', purl: undefined, line: 29, note: 'no purl: the component cannot be matched against advisories' },
      { name: 'action', version: 'v4', purl: 'pkg:github/actions/checkout@v4', line: 30, note: 'no advisory ecosystem for purl type "github" and namespace "actions"' },
      { name: 'broken', version: '', purl: 'pkg:npm/', line: 31, note: 'malformed purl "pkg:npm/": Invalid purl: "name" is a required component' },
    ]);
    assert.deepEqual(content.distribution, { id: 'debian', versionId: '12' });
  });

  it('reads SPDX 2.2 JSON (Syft): PACKAGE_MANAGER purls, DEPENDENCY_OF edges, CONTAINS not taken as dependency', async () => {
    const content = await foreign('syft.spdx.json');
    assert.equal(content.format, 'spdx-json');
    assert.equal(content.specVersion, '2.2');
    assert.deepEqual(content.inventories.map((inventory) => [inventory.ecosystem, inventory.distribution]), [['Alpine', { id: 'alpine', versionId: '3.18.4' }]]);
    assert.deepEqual(entries(content.inventories[0]), [
      'musl@1.2.4-r2 pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4 direct=undefined scope=undefined 14:5-24:6 []',
      'busybox@1.36.1-r5 pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64&upstream=busybox&distro=alpine-3.18.4 direct=undefined scope=undefined 25:5-33:6 [musl@1.2.4-r2] src=busybox@?',
    ]);
    assert.equal(content.inventories[0]?.packages[0]?.integrity, 'sha1-jGovqc5+9p/4/Q3xx/qG0fiw3g0=');
    assert.deepEqual(content.unmatched, [{ name: 'unknown-binary', version: '1.0', purl: undefined, line: 34, note: 'no purl: the component cannot be matched against advisories' }]);
  });

  it('reads CycloneDX XML 1.4: group:name for Maven, CDATA, entities, nested dependency refs', async () => {
    const content = await foreign('tool.cdx.xml');
    assert.equal(content.format, 'cyclonedx-xml');
    assert.equal(content.specVersion, '1.4');
    assert.deepEqual(entries(content.inventories[0]), [
      'org.apache.logging.log4j:log4j-core@2.14.1 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar direct=true scope=undefined 10:5-15:17 [org.apache.logging.log4j:log4j-api@2.14.1]',
      'org.apache.logging.log4j:log4j-api@2.14.1 pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1 direct=false scope=undefined 16:5-21:17 []',
    ]);
    assert.deepEqual(content.unmatched, [{ name: 'R&D tool', version: '1.0', purl: undefined, line: 22, note: 'no purl: the component cannot be matched against advisories' }]);
  });

  it('locates findings in the SBOM: the inventory’s source is the SBOM document', async () => {
    const content = await foreign('cyclonedx-npm.cdx.json');
    const inventory = content.inventories[0];
    const entry = inventory?.packages[1];
    assert.ok(inventory !== undefined && entry !== undefined);
    assert.deepEqual(inventory.locate({ range: entry.range }), { path: 'cyclonedx-npm.cdx.json', startLine: 38, startColumn: 9, endLine: 44, endColumn: 10 });
  });
});

describe('readSbom: bad input', () => {
  const cases = [
    { name: 'not JSON', text: 'hello world', message: /^bom\.json:1:1: not JSON or XML: Unexpected token/ },
    { name: 'JSON array', text: '[1, 2]', message: /^bom\.json:1:1: a JSON SBOM is an object at the top level$/ },
    { name: 'JSON of another kind', text: '{ "name": "x", "version": "1.0.0" }', message: /^bom\.json:1:1: JSON, but neither CycloneDX \(bomFormat\) nor SPDX \(spdxVersion\)$/ },
    { name: 'CycloneDX 2.0', text: '{ "bomFormat": "CycloneDX", "specVersion": "2.0" }', message: /^bom\.json:1:1: unsupported CycloneDX specVersion "2\.0" \(expected 1\.x\)$/ },
    { name: 'SPDX 3', text: '{ "spdxVersion": "SPDX-3.0" }', message: /^bom\.json:1:1: unsupported spdxVersion "SPDX-3\.0" \(expected SPDX-2\.x JSON\)$/ },
    { name: 'XML of another kind', text: '<?xml version="1.0"?>\n<project><name>x</name></project>', message: /^bom\.json:2:1: XML, but not a CycloneDX <bom>$/ },
    { name: 'XML with a DOCTYPE', text: '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>', message: /^bom\.json:2:1: malformed XML: <!DOCTYPE> is not allowed in an SBOM$/ },
    { name: 'unclosed XML', text: '<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n  <components>', message: /^bom\.json:2:3: malformed XML: <components> is never closed$/ },
    { name: 'mismatched XML', text: '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"></components></bom>', message: /^bom\.json:1:50: malformed XML: Unexpected closing tag <\/components>$/ },
    { name: 'truncated JSON', text: '{\n  "bomFormat": "CycloneDX",\n  "components": [', message: /^bom\.json:3:\d+: not JSON or XML: / },
    { name: 'XML nested 200 deep', text: `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${'<a>'.repeat(200)}`, message: /^bom\.json:1:431: malformed XML: Elements nested deeper than 128$/ },
    { name: 'XML with two roots', text: '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>\n<bom/>', message: /^bom\.json:2:1: malformed XML: More than one root element$/ },
    { name: 'text that is neither', text: '   ', message: /^bom\.json:1:4: not JSON or XML: Unexpected end of JSON input$/ },
    { name: 'JSON nested 100,000 deep', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, message: /^bom\.json:1:1: (a JSON SBOM is an object|not JSON or XML)/ },
  ] as const;
  for (const { name, text, message } of cases) {
    it(`refuses ${name} with SBOM_INVALID and its position`, () => {
      const error = sbomError(text);
      assert.equal(error.code, 'SBOM_INVALID');
      assert.match(error.message, message);
      assert.equal(error.position?.path, 'bom.json');
    });
  }

  it('skips components that are not objects with a name, naming their line, and reads the rest', () => {
    const text = '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [\n    "oops",\n    { "type": "library" },\n    { "type": "library", "name": "ms", "purl": "pkg:npm/ms@2.1.3" }\n  ]\n}\n';
    const content = parseSbom(createSourceDocument('bom.json', text));
    assert.deepEqual(content.errors, [
      { path: 'bom.json', code: 'SBOM_INVALID', message: 'Component 1 is not an object with a name; skipped.', startLine: 5, startColumn: 5 },
      { path: 'bom.json', code: 'SBOM_INVALID', message: 'Component 2 is not an object with a name; skipped.', startLine: 6, startColumn: 5 },
    ]);
    assert.deepEqual(entries(content.inventories[0]), ['ms@2.1.3 pkg:npm/ms@2.1.3 direct=undefined scope=undefined 7:5-7:68 []']);
  });

  it('reads CycloneDX XML with a namespace prefix', () => {
    const text = '<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5"><cdx:components><cdx:component type="library"><cdx:name>ms</cdx:name><cdx:purl>pkg:npm/ms@2.1.3</cdx:purl></cdx:component></cdx:components></cdx:bom>';
    const content = parseSbom(createSourceDocument('bom.xml', text));
    assert.equal(content.specVersion, '1.5');
    assert.deepEqual(content.inventories[0]?.packages.map((entry) => entry.purl), ['pkg:npm/ms@2.1.3']);
  });

  it('reads hostile XML text without expanding anything', () => {
    const text = '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&#x110000;&unknown;&lt;x&gt;</name><purl>pkg:npm/x@1.0.0</purl></component></components></bom>';
    const content = parseSbom(createSourceDocument('bom.xml', text));
    assert.deepEqual(content.inventories[0]?.packages.map((entry) => entry.name), ['x']);
    const unclosed = `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${'<a b="<a b="'.repeat(20_000)}`;
    assert.throws(() => parseSbom(createSourceDocument('bom.xml', unclosed)), { code: 'SBOM_INVALID', message: 'bom.xml:1:1: malformed XML: <bom> is never closed' });
  });

  it('keeps at most 100 entry errors and counts the rest', () => {
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${Array.from({ length: 250 }, () => '1').join(',')}]}`;
    const { errors } = parseSbom(createSourceDocument('bom.json', text));
    assert.equal(errors.length, 101);
    assert.deepEqual(errors[100], { path: 'bom.json', code: 'SBOM_INVALID', message: '150 more component(s) skipped for the same kinds of problem.' });
  });

  it('ignores fields of the wrong type instead of failing', () => {
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":{"x":1},"dependencies":"none","metadata":[]}';
    const content = parseSbom(createSourceDocument('bom.json', text));
    assert.deepEqual([content.inventories, content.unmatched, content.errors], [[], [], []]);
  });

  it('stops following nested components after 32 levels', () => {
    let component = '{"type":"library","name":"leaf","purl":"pkg:npm/leaf@1.0.0"}';
    for (let depth = 0; depth < 40; depth++) component = `{"type":"library","name":"n${depth}","purl":"pkg:npm/n${depth}@1.0.0","components":[${component}]}`;
    const content = parseSbom(createSourceDocument('bom.json', `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${component}]}`));
    assert.equal(content.inventories[0]?.packages.length, 33);
  });

  it('reads a 20 MB SBOM in full', async () => {
    const components = Array.from({ length: 40_000 }, (_, index) => ({ type: 'library', name: `pkg-${index}`, version: '1.0.0', purl: `pkg:npm/pkg-${index}@1.0.0`, description: 'x'.repeat(400) }));
    const text = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }, null, 1);
    assert.ok(text.length > 20_000_000);
    const content = parseSbom(createSourceDocument('big.json', text));
    assert.equal(content.inventories[0]?.packages.length, 40_000);
    assert.equal(content.inventories[0]?.packages[39_999]?.range.start.line, 5 + 7 * 39_999);
  });

  it('refuses a file over maxBytes and names a missing file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'palisade-sbom-'));
    try {
      await writeFile(join(directory, 'bom.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6"}');
      await assert.rejects(readSbom(join(directory, 'bom.json'), { maxBytes: 10, displayPath: 'bom.json' }), { code: 'SBOM_INVALID', message: 'bom.json: 45 bytes, over the limit of 10' });
      await assert.rejects(readSbom(join(directory, 'missing.json'), { displayPath: 'missing.json' }), { code: 'TARGET_NOT_FOUND', message: /^Cannot read the SBOM missing\.json: ENOENT/ });
      await assert.rejects(readSbom(directory, { displayPath: 'dir' }), { code: 'FILE_UNREADABLE', message: /^Cannot read the SBOM dir: EISDIR/ });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
