// Corpus suite: the real OSV records of ../shared/corpora/osv (README there: 1,219 records from
// golang/vulndb, rustsec, pypa, GitHub, osv-scanner, osv-scalibr and osv.dev test data) imported from
// the folder and from a zip; every record must import, round-trip, and be found under each package it
// names. Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildZip } from '../../src/vuln/db/__fixtures__/zip-writer.ts';
import { importAdvisories, loadAdvisoryFolder, openAdvisoryDatabase, parseOsvRecord } from '../../src/vuln/db/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'osv');
const skip = existsSync(FOLDER) ? false : `OSV corpus not found at ${FOLDER} (needs ../shared beside the clone)`;
const WORK = mkdtempSync(join(tmpdir(), 'palisade-osv-corpus-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

/** Record files per ecosystem folder, as the corpus README lists them. */
const FILES_PER_FOLDER: Readonly<Record<string, number>> = { Alpine: 3, Debian: 7, Go: 294, Maven: 431, NuGet: 1, Packagist: 4, PyPI: 270, RubyGems: 5, 'crates.io': 40, npm: 164 };
const TOTAL = 1219;

function recordFiles(): string[] {
  return Object.keys(FILES_PER_FOLDER).flatMap((folder) => readdirSync(join(FOLDER, folder)).map((name) => join(folder, name)));
}

/** Drops every null, at any depth: Go-written feeds say `null` for an absent field, the store drops them. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (field === null ? [] : [[key, withoutNulls(field)]])));
}

describe('OSV corpus', { skip }, () => {
  it('has the files its README lists', () => {
    for (const [folder, count] of Object.entries(FILES_PER_FOLDER)) assert.equal(readdirSync(join(FOLDER, folder)).length, count, folder);
    assert.equal(recordFiles().length, TOTAL);
  });

  it('imports every record from the folder; only index.json is skipped', async () => {
    const db = join(WORK, 'folder.db');
    const summary = await importAdvisories(db, [FOLDER]);
    assert.deepEqual([summary.imported, summary.replaced, summary.unchanged, summary.recordCount], [TOTAL, 0, 0, TOTAL]);
    assert.deepEqual(summary.skipped.map((skipped) => [skipped.path, skipped.code]), [[join(FOLDER, 'index.json'), 'ADVISORY_INVALID']]);
    assert.deepEqual(summary.unknownEcosystems, {});
    const database = openAdvisoryDatabase(db);
    try {
      for (const file of recordFiles()) {
        const text = readFileSync(join(FOLDER, file), 'utf8');
        const parsed = parseOsvRecord(text, file);
        assert.ok(parsed.ok, file);
        const { record } = parsed.value;
        const stored = database.get(record.id);
        assert.deepEqual(stored, record, `${file} round-trips`);
        assert.deepEqual(withoutNulls(stored), withoutNulls(JSON.parse(text)), `${file} loses nothing but nulls`);
        for (const affected of record.affected ?? []) {
          if (affected.package === undefined) continue;
          const ids = database.advisoriesFor(affected.package.ecosystem, affected.package.name).map((found) => found.id);
          assert.ok(ids.includes(record.id), `${record.id} under ${affected.package.ecosystem}/${affected.package.name}`);
        }
      }
      const index: unknown = JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8'));
      assert.ok(Array.isArray(index));
      assert.equal(index.length, TOTAL);
    } finally {
      database.close();
    }
  });

  it('imports the same records from a zip, and loads them into memory', async () => {
    const zip = join(WORK, 'all.zip');
    writeFileSync(zip, buildZip(recordFiles().map((file) => ({ name: file, data: readFileSync(join(FOLDER, file)) }))));
    const summary = await importAdvisories(join(WORK, 'zip.db'), [zip]);
    assert.deepEqual([summary.imported, summary.skipped.length], [TOTAL, 0]);
    const loaded = await loadAdvisoryFolder(FOLDER);
    assert.equal(loaded.records.length, TOTAL);
    const again = await importAdvisories(join(WORK, 'zip.db'), [FOLDER]);
    assert.deepEqual([again.imported, again.replaced, again.unchanged], [0, 0, TOTAL]);
  });
});
