// Corpus suite: every lockfile and package database in ../shared/corpora/lockfiles, written as an SBOM
// in each format and read back, must give the package set the analyzers give directly (the issue's
// "scanning an SBOM we wrote gives the same results as scanning the source"). CycloneDX JSON documents
// are validated with the library's JSON schema validator, SPDX documents with the SPDX 2.3 schema.
// Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { Version } from '@cyclonedx/cyclonedx-library/Spec';
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation';
import { Ajv } from 'ajv';
import { createSourceDocument } from '../../src/core/index.ts';
import type { PackageInventoryArtifact } from '../../src/packages/index.ts';
import { applyDistribution, packageAnalyzers } from '../../src/packages/index.ts';
import { SBOM_FORMATS, buildSbom, parseSbom } from '../../src/sbom/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';
import { projectPathFor } from './lockfiles-mapping.ts';

const CORPORA = join(REPO_ROOT, '..', 'shared', 'corpora');
const CORPUS = join(CORPORA, 'lockfiles');
const SPDX_SCHEMA = join(CORPORA, 'schemas', 'spdx', 'spdx-schema-2.3.json');
const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS} (needs ../shared beside the clone)`;
const OS_FORMATS = new Set(['dpkg-status', 'apk-installed']);

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(CORPUS, join(entry.parentPath, entry.name)))
    .filter((file) => file.includes('/'))
    .sort();
}

function inventoriesOf(file: string, path: string): PackageInventoryArtifact[] {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const document = createSourceDocument(path, text);
  const matching = packageAnalyzers.filter((analyzer) => analyzer.matches({ path, size: text.length }, () => text.slice(0, 4096)));
  const inventories = matching.flatMap((analyzer) => analyzer.analyze(document).artifacts);
  // OS databases also go through with a distribution, as from an image (purl namespace and distro qualifier).
  const qualified = inventories.filter((inventory) => OS_FORMATS.has(inventory.format)).map((inventory) => applyDistribution(inventory, inventory.format === 'apk-installed' ? { id: 'alpine', versionId: '3.20.3' } : { id: 'ubuntu', versionId: '22.04' }));
  return [...inventories, ...qualified];
}

function identities(inventories: readonly PackageInventoryArtifact[]): string[] {
  return [...new Set(inventories.flatMap((inventory) => inventory.packages.map((entry) => `${inventory.ecosystem} ${entry.name} ${entry.version} ${entry.purl}`)))].sort();
}

const files = skip === false ? filesUnder(CORPUS).filter((file) => projectPathFor(file) !== undefined) : [];
const cycloneDx = new JsonStrictValidator(Version.v1dot6);
const spdx = existsSync(SPDX_SCHEMA) ? new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SPDX_SCHEMA, 'utf8'))) : undefined;
const FIXED = { timestamp: new Date('2026-01-02T03:04:05Z'), uuid: '00000000-0000-4000-8000-000000000000' } as const;

describe('SBOM round trip over the lockfile corpus', { skip }, () => {
  for (const file of files) {
    it(file, async (context) => {
      const inventories = inventoriesOf(file, projectPathFor(file) ?? '');
      const expected = identities(inventories);
      for (const format of SBOM_FORMATS) {
        const text = await buildSbom(inventories, { name: 'corpus', kind: 'file' }, format, FIXED);
        const read = parseSbom(createSourceDocument('sbom', text));
        assert.deepEqual(identities(read.inventories), expected, format);
        assert.deepEqual([read.unmatched, read.errors], [[], []], format);
        if (format === 'cyclonedx-json') assert.equal(await cycloneDx.validate(text), null);
        if (format === 'spdx-json' && spdx !== undefined) assert.ok(spdx(JSON.parse(text)), JSON.stringify(spdx.errors));
      }
      context.diagnostic(`${expected.length} package(s) round-trip in ${SBOM_FORMATS.length} formats${spdx === undefined ? ' (SPDX schema absent: not validated)' : ''}`);
    });
  }
});
