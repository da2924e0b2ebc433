// The issue's goal: scanning an SBOM Palisade wrote gives the same packages as scanning the source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import { FIXED, PROJECTS, buildFixture, collectFixture } from './__fixtures__/load.ts';
import { buildSbom } from './build.ts';
import { SBOM_FORMATS } from './model.ts';
import { parseSbom } from './read.ts';

function identities(inventories: readonly PackageInventoryArtifact[]): string[] {
  const keys = inventories.flatMap((inventory) => inventory.packages.map((entry) => `${inventory.ecosystem} ${entry.name} ${entry.version} ${entry.purl}`));
  return [...new Set(keys)].sort();
}

/** What matching and reporting use beyond identity: direct, scope, skip reason, source package. */
function details(inventories: readonly PackageInventoryArtifact[]): string[] {
  const keys = inventories.flatMap((inventory) =>
    inventory.packages.map((entry) => [entry.purl, entry.direct, entry.scope, entry.skipReason, entry.sourceName, entry.sourceVersion, entry.commit].map(String).join(' ')),
  );
  return [...new Set(keys)].sort();
}

describe('round trip: directory → SBOM → readSbom', () => {
  for (const project of PROJECTS) {
    for (const format of SBOM_FORMATS) {
      it(`${project} as ${format} gives the same (ecosystem, name, version, purl) set and details`, async () => {
        const direct = (await collectFixture(project)).inventories;
        const read = parseSbom(createSourceDocument('sbom', await buildFixture(project, format)));
        assert.deepEqual(identities(read.inventories), identities(direct));
        assert.deepEqual(details(read.inventories), details(direct));
        assert.deepEqual([read.unmatched, read.errors], [[], []]);
      });
    }
  }

  it('keeps a peer dependency’s scope, which CycloneDX has no value for', async () => {
    const [inventory] = (await collectFixture('npm-app')).inventories;
    assert.ok(inventory !== undefined);
    const peer = { ...inventory, packages: inventory.packages.map((entry) => (entry.name === 'fsevents' ? { ...entry, scope: 'peer' as const } : entry)) };
    for (const format of SBOM_FORMATS) {
      const text = await buildSbom([peer], { name: 'npm-app', kind: 'directory' }, format, FIXED);
      const read = parseSbom(createSourceDocument('sbom', text));
      assert.equal(read.inventories[0]?.packages.find((entry) => entry.name === 'fsevents')?.scope, 'peer', format);
    }
  });

  it('keeps the distribution of OS packages', async () => {
    for (const format of SBOM_FORMATS) {
      const read = parseSbom(createSourceDocument('sbom', await buildFixture('rootfs', format)));
      assert.deepEqual(read.inventories.map((inventory) => [inventory.ecosystem, inventory.distribution?.id, inventory.distribution?.versionId]), [['Debian', 'debian', '12']], format);
    }
  });

  it('keeps dependency edges by name and version', async () => {
    const read = parseSbom(createSourceDocument('sbom', await buildFixture('npm-app', 'cyclonedx-json')));
    const edges = (read.inventories[0]?.packages ?? []).map((entry) => `${entry.name}@${entry.version} → ${entry.dependencies.map((edge) => `${edge.name}@${edge.requirement ?? ''}`).join(' ')}`);
    assert.deepEqual(edges, [
      '@babel/helper@7.22.5 → ',
      'debug@2.6.9 → ms@2.0.0',
      'debug@4.3.4 → ms@2.1.2',
      'express@4.18.2 → debug@2.6.9',
      'fsevents@2.3.3 → ',
      'local-lib@ → ',
      'mocha@10.2.0 → debug@4.3.4',
      'ms@2.0.0 → ',
      'ms@2.1.2 → ',
    ]);
  });

  it('points each read entry at its component in the SBOM', async () => {
    const text = await buildFixture('npm-app', 'cyclonedx-json');
    const read = parseSbom(createSourceDocument('sbom.cdx.json', text));
    const express = read.inventories[0]?.packages.find((entry) => entry.name === 'express');
    const lines = text.split('\n');
    assert.ok(express !== undefined);
    assert.equal(lines[express.range.start.line - 1], '    {');
    assert.equal(lines[express.range.start.line + 2], '      "version": "4.18.2",');
    assert.equal(lines[express.range.end.line - 1], '    },');
  });
});
