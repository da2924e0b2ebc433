import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { PROJECTS, buildFixture, listOf, parseObject, spdxSchema } from './__fixtures__/load.ts';
import { spdxIdOf } from './spdx.ts';

function packages(text: string): string[] {
  return listOf(parseObject(text)['packages']).map((item) => {
    const purl = listOf(item['externalRefs'] ?? []).map((reference) => `${String(reference['referenceCategory'])}:${String(reference['referenceLocator'])}`);
    const checksums = listOf(item['checksums'] ?? []).map((checksum) => String(checksum['algorithm']));
    const annotations = listOf(item['annotations'] ?? []).map((annotation) => String(annotation['comment']));
    return [String(item['SPDXID']), `${String(item['name'])}@${String(item['versionInfo'] ?? '')}`, String(item['primaryPackagePurpose']), purl.join(' ') || '-', checksums.join('+') || '-', annotations.join(' ') || '-'].join(' | ');
  });
}

function relationships(text: string): string[] {
  return listOf(parseObject(text)['relationships']).map((item) => `${String(item['spdxElementId'])} ${String(item['relationshipType'])} ${String(item['relatedSpdxElement'])}`);
}

const id = (fullName: string, purl: string): string => spdxIdOf({ fullName, purl });

describe('SPDX 2.3 JSON', () => {
  it('writes the document header', async () => {
    const document = parseObject(await buildFixture('poetry-app', 'spdx-json'));
    assert.equal(document['spdxVersion'], 'SPDX-2.3');
    assert.equal(document['dataLicense'], 'CC0-1.0');
    assert.equal(document['SPDXID'], 'SPDXRef-DOCUMENT');
    assert.equal(document['name'], 'poetry-app');
    assert.equal(document['documentNamespace'], 'https://github.com/palisade-dev/palisade/spdxdocs/poetry-app-00000000-0000-4000-8000-000000000000');
    assert.deepEqual(document['creationInfo'], { created: '2026-01-02T03:04:05Z', creators: ['Tool: palisade-0.1.0'] });
  });

  it('writes one package per purl with its purl reference, checksums and annotations, and the relationships', async () => {
    const text = await buildFixture('npm-app', 'spdx-json');
    assert.deepEqual(packages(text), [
      'SPDXRef-Subject | npm-app@ | APPLICATION | - | - | -',
      `${id('@babel/helper', 'pkg:npm/%40babel/helper@7.22.5')} | @babel/helper@7.22.5 | LIBRARY | PACKAGE-MANAGER:pkg:npm/%40babel/helper@7.22.5 | SHA512 | palisade:direct=true palisade:scope=prod`,
      `${id('debug', 'pkg:npm/debug@2.6.9')} | debug@2.6.9 | LIBRARY | PACKAGE-MANAGER:pkg:npm/debug@2.6.9 | SHA512 | palisade:direct=false palisade:scope=prod`,
      `${id('debug', 'pkg:npm/debug@4.3.4')} | debug@4.3.4 | LIBRARY | PACKAGE-MANAGER:pkg:npm/debug@4.3.4 | SHA512 | palisade:direct=false palisade:scope=dev`,
      `${id('express', 'pkg:npm/express@4.18.2')} | express@4.18.2 | LIBRARY | PACKAGE-MANAGER:pkg:npm/express@4.18.2 | SHA512 | palisade:direct=true palisade:scope=prod`,
      `${id('fsevents', 'pkg:npm/fsevents@2.3.3')} | fsevents@2.3.3 | LIBRARY | PACKAGE-MANAGER:pkg:npm/fsevents@2.3.3 | SHA512 | palisade:direct=false palisade:scope=optional`,
      `${id('local-lib', 'pkg:npm/local-lib')} | local-lib@ | LIBRARY | PACKAGE-MANAGER:pkg:npm/local-lib | - | palisade:direct=false palisade:scope=prod palisade:skip-reason=local-path`,
      `${id('mocha', 'pkg:npm/mocha@10.2.0')} | mocha@10.2.0 | LIBRARY | PACKAGE-MANAGER:pkg:npm/mocha@10.2.0 | SHA512 | palisade:direct=true palisade:scope=dev`,
      `${id('ms', 'pkg:npm/ms@2.0.0')} | ms@2.0.0 | LIBRARY | PACKAGE-MANAGER:pkg:npm/ms@2.0.0 | SHA512 | palisade:direct=false palisade:scope=prod`,
      `${id('ms', 'pkg:npm/ms@2.1.2')} | ms@2.1.2 | LIBRARY | PACKAGE-MANAGER:pkg:npm/ms@2.1.2 | SHA1 | palisade:direct=false palisade:scope=dev`,
    ]);
    assert.deepEqual(relationships(text), [
      'SPDXRef-DOCUMENT DESCRIBES SPDXRef-Subject',
      `SPDXRef-Subject DEPENDS_ON ${id('@babel/helper', 'pkg:npm/%40babel/helper@7.22.5')}`,
      `SPDXRef-Subject DEPENDS_ON ${id('express', 'pkg:npm/express@4.18.2')}`,
      `SPDXRef-Subject DEPENDS_ON ${id('mocha', 'pkg:npm/mocha@10.2.0')}`,
      `${id('debug', 'pkg:npm/debug@2.6.9')} DEPENDS_ON ${id('ms', 'pkg:npm/ms@2.0.0')}`,
      `${id('debug', 'pkg:npm/debug@4.3.4')} DEPENDS_ON ${id('ms', 'pkg:npm/ms@2.1.2')}`,
      `${id('express', 'pkg:npm/express@4.18.2')} DEPENDS_ON ${id('debug', 'pkg:npm/debug@2.6.9')}`,
      `${id('mocha', 'pkg:npm/mocha@10.2.0')} DEPENDS_ON ${id('debug', 'pkg:npm/debug@4.3.4')}`,
    ]);
  });

  it('makes readable, stable SPDX ids from the name and a hash of the purl', () => {
    const digest = createHash('sha256').update('pkg:npm/%40babel/helper@7.22.5').digest('hex').slice(0, 12);
    assert.equal(id('@babel/helper', 'pkg:npm/%40babel/helper@7.22.5'), `SPDXRef-Package-babel-helper-${digest}`);
    assert.match(id('@@@', 'pkg:npm/x'), /^SPDXRef-Package-package-[0-9a-f]{12}$/);
  });

  it('writes the checksum value as hex and the OS as an OPERATING-SYSTEM package', async () => {
    const npm = listOf(parseObject(await buildFixture('npm-app', 'spdx-json'))['packages']);
    assert.deepEqual(npm[1]?.['checksums'], [{ algorithm: 'SHA512', checksumValue: createHash('sha512').update('babel').digest('hex') }]);
    const rootfs = packages(await buildFixture('rootfs', 'spdx-json'));
    assert.equal(rootfs[1], 'SPDXRef-OperatingSystem-debian | debian@12 | OPERATING_SYSTEM | - | - | -');
    assert.equal(rootfs.length, 6);
  });

  it('is accepted by the SPDX 2.3 JSON schema for every fixture', async (t) => {
    const schema = spdxSchema();
    if (schema === undefined) {
      t.skip('SPDX 2.3 schema not found (needs ../shared/corpora/schemas/spdx beside the clone)');
      return;
    }
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const project of PROJECTS) {
      const valid = validate(JSON.parse(await buildFixture(project, 'spdx-json')));
      assert.deepEqual(valid ? [] : validate.errors, [], project);
    }
  });
});
