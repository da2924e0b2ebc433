// Corpus suite: the lockfiles and package databases in ../shared/corpora/lockfiles must yield the
// packages their expected.json lists (upstream osv-scanner / osv-scalibr expectations).
// Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../src/core/index.ts';
import type { PackageEntry, PackageInventoryArtifact } from '../../src/packages/index.ts';
import { packageAnalyzers } from '../../src/packages/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';
import { KNOWN_DIFFERENCES } from './lockfiles-known.ts';
import { projectPathFor } from './lockfiles-mapping.ts';

const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpora', 'lockfiles');
const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS} (needs ../shared beside the clone)`;

interface ExpectedPackage {
  readonly name: string;
  readonly version: string;
  readonly ecosystem: string;
  readonly sourceName?: string;
}

interface ExpectedEntry {
  readonly file: string;
  readonly packages: readonly ExpectedPackage[];
  readonly expectError?: boolean;
}

function isExpectedEntry(value: unknown): value is ExpectedEntry {
  return typeof value === 'object' && value !== null && 'file' in value && 'packages' in value && Array.isArray(value.packages);
}

/** PyPI names compare normalised (PEP 503); every other ecosystem exactly. */
function key(ecosystem: string, name: string, version: string): string {
  return `${ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name}@${version}`;
}

/** osv-scanner's dpkg expectations name the source package (and source version when `Source:` gives one). */
function keysOf(file: string, inventory: PackageInventoryArtifact, entry: PackageEntry): string[] {
  if (file.startsWith('osv-scanner/dpkg/')) return [key(inventory.ecosystem, entry.sourceName ?? entry.name, entry.sourceVersion ?? entry.version)];
  return [key(inventory.ecosystem, entry.name, entry.version)];
}

/**
 * Compares one file. Usable entries (no skipReason) must all be expected; every expected package
 * must be found (upstream's `''`/`0.0.0` for unpinned or versionless entries matches our entry by
 * name). When upstream expects an error, reporting one is enough: we keep the good entries.
 * Per-entry errors are not problems: upstream skips bad entries too (we also say where they are).
 */
function compare(expected: ExpectedEntry): string[] {
  const path = projectPathFor(expected.file) ?? '';
  const text = readFileSync(join(CORPUS, expected.file), 'utf8');
  const analyzer = packageAnalyzers.find((candidate) => candidate.matches({ path, size: text.length }, () => text.slice(0, 4096)));
  if (analyzer === undefined) return expected.packages.length === 0 ? [] : [`no analyzer matches ${path}`];
  const output = analyzer.analyze(createSourceDocument(path, text));
  if (expected.expectError === true) return output.errors.length > 0 ? [] : ['upstream expects an error; none reported'];
  const problems: string[] = [];
  const all = new Set<string>();
  const names = new Set<string>();
  const usable: string[] = [];
  for (const inventory of output.artifacts) {
    for (const entry of inventory.packages) {
      for (const found of keysOf(expected.file, inventory, entry)) {
        all.add(found);
        names.add(found.slice(0, found.lastIndexOf('@')));
        if (entry.skipReason === undefined) usable.push(found);
      }
    }
  }
  const wanted = expected.packages.map((pkg) => key(pkg.ecosystem, pkg.name, pkg.version));
  for (const [index, pkg] of expected.packages.entries()) {
    const wantedKey = wanted[index] ?? '';
    const versionless = pkg.version === '' || pkg.version === '0.0.0';
    const found = versionless ? names.has(wantedKey.slice(0, wantedKey.lastIndexOf('@'))) : all.has(wantedKey);
    if (!found) problems.push(`missing ${wantedKey}`);
  }
  for (const found of usable) if (!wanted.includes(found)) problems.push(`unexpected ${found}`);
  return problems;
}

const entries: unknown = skip === false ? JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) : [];
const expectations = Array.isArray(entries) ? entries.filter(isExpectedEntry) : [];

describe('lockfile corpus (osv-scanner / osv-scalibr expectations)', { skip }, () => {
  for (const expected of expectations) {
    const known = KNOWN_DIFFERENCES[expected.file];
    const outside = projectPathFor(expected.file) === undefined ? 'format outside the packages area (bun, conan, mix, pub, renv, pdm, pylock, gradle verification metadata)' : false;
    it(expected.file, { skip: outside }, (context) => {
      const problems = compare(expected);
      if (known !== undefined) {
        context.diagnostic(`known difference: ${known} (${problems.join('; ')})`);
        assert.notDeepEqual(problems, [], `${expected.file} now matches upstream: remove it from KNOWN_DIFFERENCES`);
        return;
      }
      assert.deepEqual(problems, []);
      context.diagnostic(`match: ${expected.packages.length} package(s)${expected.expectError === true ? ', error reported as upstream expects' : ''}`);
    });
  }
});
