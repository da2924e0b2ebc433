// SBOM input (src/sbom/read.ts): CycloneDX JSON and XML, SPDX JSON. A typed result or SBOM_INVALID
// with a position; a document read without problems survives read → write (each format) → read.
import { createSourceDocument } from '../../../src/core/index.ts';
import type { PackageInventoryArtifact } from '../../../src/packages/index.ts';
import { buildFixture } from '../../../src/sbom/__fixtures__/load.ts';
import { buildSbom } from '../../../src/sbom/build.ts';
import { SBOM_FORMATS } from '../../../src/sbom/model.ts';
import type { SbomFormat } from '../../../src/sbom/model.ts';
import { parseSbom } from '../../../src/sbom/read.ts';
import type { FuzzTarget, InputSyntax } from '../harness.ts';
import { PropertyViolation, checkScanErrors, onlyCodedErrors, utf8, violation } from '../harness.ts';
import { fixture } from './shared.ts';

const FOREIGN = 'src/sbom/__fixtures__/foreign';
const FIXED = { timestamp: new Date('2026-01-02T03:04:05.678Z'), uuid: '00000000-0000-4000-8000-000000000000', toolVersion: '0.1.0' } as const;

function identities(inventories: readonly PackageInventoryArtifact[]): string[] {
  return [...new Set(inventories.flatMap((inventory) => inventory.packages.map((entry) => `${inventory.ecosystem} ${entry.name} ${entry.version} ${entry.purl}`)))].sort();
}

async function roundTrip(inventories: readonly PackageInventoryArtifact[], format: SbomFormat): Promise<void> {
  let written: string;
  try {
    written = await buildSbom(inventories, { name: 'fuzz', kind: 'directory' }, format, FIXED);
  } catch (error) {
    throw new PropertyViolation(`the ${format} writer threw on a document the reader accepted: ${error instanceof Error ? error.message : String(error)}`);
  }
  const again = onlyCodedErrors(() => parseSbom(createSourceDocument(`fuzz/roundtrip.${format}`, written)), []);
  if (again === undefined) throw new PropertyViolation(`round trip through ${format}: the written SBOM does not read back`);
  const before = identities(inventories);
  const after = identities(again.inventories);
  violation(JSON.stringify(before) === JSON.stringify(after), `round trip through ${format} changed the packages:\n${before.slice(0, 5).join('\n')}\n→\n${after.slice(0, 5).join('\n')}`);
}

function sbomTarget(name: string, syntax: InputSyntax, samples: readonly string[]): FuzzTarget {
  return {
    name,
    syntax,
    samples,
    async check(input) {
      const source = createSourceDocument(`fuzz/${name}`, utf8(input));
      const content = onlyCodedErrors(() => parseSbom(source), ['SBOM_INVALID']);
      if (content === undefined) return;
      checkScanErrors(content.errors, source.path, source.text);
      if (content.errors.length > 0 || content.unmatched.length > 0) return;
      for (const format of SBOM_FORMATS) await roundTrip(content.inventories, format);
    },
  };
}

const own = await Promise.all(SBOM_FORMATS.map((format) => buildFixture('npm-app', format)));
const [ownCycloneDxJson = '', ownCycloneDxXml = '', ownSpdx = ''] = own;

export const targets: readonly FuzzTarget[] = [
  sbomTarget('cyclonedx-json', 'json', [ownCycloneDxJson, fixture(`${FOREIGN}/cyclonedx-npm.cdx.json`), fixture(`${FOREIGN}/syft-image.cdx.json`)]),
  sbomTarget('cyclonedx-xml', 'xml', [ownCycloneDxXml, fixture(`${FOREIGN}/tool.cdx.xml`)]),
  sbomTarget('spdx-json', 'json', [ownSpdx, fixture(`${FOREIGN}/syft.spdx.json`)]),
];
