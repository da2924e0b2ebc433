import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Version } from '@cyclonedx/cyclonedx-library/Spec';
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation';
import type { PackageEcosystem, PackageScope, SkipReason } from '../packages/model.ts';
import { cycloneDxJson } from './cyclonedx.ts';
import { hasUniqueBomRefs, writeCycloneDxJson } from './cyclonedx-json.ts';
import type { CycloneDxHeader } from './cyclonedx.ts';
import type { HashAlgorithm } from './hashes.ts';
import { toSbomModel } from './components.ts';
import type { SbomModel, SbomPackage, SbomSubject } from './model.ts';
import { FIXED, PROJECTS, collectFixture } from './__fixtures__/load.ts';

const HEADER: CycloneDxHeader = { timestamp: FIXED.timestamp, uuid: FIXED.uuid, toolVersion: FIXED.toolVersion };
const SCOPES: readonly (PackageScope | undefined)[] = ['prod', 'dev', 'optional', 'peer', undefined];
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
const SKIPS: readonly (SkipReason | undefined)[] = ['local-path', undefined];

/** Text as lockfiles give it: ASCII mostly, sometimes any code point (sort order is `localeCompare`). */
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', 'a', 'A', 'ä', 'a-b', 'a_b', 'ab', '@x'));
const optionalText = fc.option(text, { nil: undefined });
const hex = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });
const hashContent = fc.oneof(hex(40), hex(64), hex(128), hex(32), text);

function packageArbitrary(purl: string, purls: readonly string[]): fc.Arbitrary<SbomPackage> {
  return fc.record({
    purl: fc.constant(purl),
    ecosystem: fc.constant<PackageEcosystem>('npm'),
    group: optionalText,
    name: text,
    fullName: text,
    version: text,
    scope: fc.constantFrom(...SCOPES),
    direct: fc.option(fc.boolean(), { nil: undefined }),
    hashes: fc.array(fc.record({ alg: fc.constantFrom(...ALGORITHMS), content: hashContent }), { maxLength: 3 }),
    sourceFiles: fc.array(text, { maxLength: 3 }),
    skipReason: fc.constantFrom(...SKIPS),
    sourceName: optionalText,
    sourceVersion: optionalText,
    commit: optionalText,
    dependsOn: fc.array(fc.oneof(fc.constantFrom(...purls), text), { maxLength: 4 }),
  });
}

/** Models with unique purls (as toSbomModel makes them); edges may name unknown purls, repeats and the package itself. */
const modelArbitrary: fc.Arbitrary<SbomModel> = fc
  .uniqueArray(text.map((tail) => `pkg:npm/${tail}`), { maxLength: 8 })
  .chain((purls) =>
    fc.record({
      subject: fc
        .record({ name: text, version: optionalText, kind: fc.constantFrom<'directory' | 'file' | 'image'>('directory', 'file', 'image') })
        .map(({ version, ...rest }): SbomSubject => (version === undefined ? rest : { ...rest, version })),
      packages: purls.length === 0 ? fc.constant([]) : fc.tuple(...purls.map((purl) => packageArbitrary(purl, purls))),
      rootDependsOn: fc.array(purls.length === 0 ? text : fc.oneof(fc.constantFrom(...purls), text), { maxLength: 4 }),
      distribution: fc.option(fc.record({ id: fc.constantFrom('debian', 'alpine', 'ubuntu'), versionId: fc.constantFrom('', '12', '3.20.3') }), { nil: undefined }),
    }),
  );

const headerArbitrary: fc.Arbitrary<CycloneDxHeader> = fc.record({
  timestamp: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
  uuid: fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', 'ABCDEF00-0000-4000-8000-000000000000')),
  toolVersion: fc.constantFrom('0.1.0', '', '1.2.3-rc.1'),
});

describe('CycloneDX JSON writer without the library', () => {
  it('writes the bytes of the library serialiser for every fixture project', async () => {
    for (const name of PROJECTS) {
      const collected = await collectFixture(name);
      const model = toSbomModel(collected.inventories, { name: collected.name, kind: collected.kind });
      assert.equal(hasUniqueBomRefs(model), true, name);
      assert.equal(writeCycloneDxJson(model, HEADER), cycloneDxJson(model, HEADER), name);
    }
  });

  it('writes the bytes of the library serialiser for generated models', () => {
    fc.assert(
      fc.property(modelArbitrary, headerArbitrary, (model, header) => {
        assert.equal(writeCycloneDxJson(model, header), cycloneDxJson(model, header));
      }),
      { numRuns: 300 },
    );
  });

  it('writes documents the library validator accepts', async () => {
    const validator = new JsonStrictValidator(Version.v1dot6);
    const samples = fc.sample(modelArbitrary.filter((model) => model.packages.every((item) => item.name !== '')), { numRuns: 25, seed: 7 });
    for (const model of samples) {
      assert.equal(await validator.validate(writeCycloneDxJson(model, HEADER)), null);
    }
  });

  it('leaves documents with a missing or repeated bom-ref to the library', () => {
    const subject = { name: 'app', kind: 'directory' } as const;
    const item: SbomPackage = { purl: '', ecosystem: 'npm', group: undefined, name: 'x', fullName: 'x', version: '1', scope: undefined, direct: undefined, hashes: [], sourceFiles: [], skipReason: undefined, sourceName: undefined, sourceVersion: undefined, commit: undefined, dependsOn: [] };
    const empty: SbomModel = { subject, packages: [item], rootDependsOn: [], distribution: undefined };
    const clash: SbomModel = { subject, packages: [{ ...item, purl: 'palisade:subject' }], rootDependsOn: [], distribution: undefined };
    const os: SbomModel = { ...clash, packages: [{ ...item, purl: 'palisade:os:debian' }], distribution: { id: 'debian', versionId: '12' } };
    const sound: SbomModel = { ...empty, packages: [{ ...item, purl: 'pkg:npm/x@1' }] };
    assert.deepEqual([hasUniqueBomRefs(empty), hasUniqueBomRefs(clash), hasUniqueBomRefs(os), hasUniqueBomRefs(sound)], [false, false, false, true]);
  });
});
