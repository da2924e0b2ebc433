import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AdvisoryDatabaseMeta } from './store.ts';
import { checkDatabaseAge, databaseAge, formatAge } from './store.ts';
import { defaultDatabasePath, mirrorUrl } from './paths.ts';
import { osvRecord } from './__fixtures__/zip-writer.ts';
import { createMemoryAdvisorySource, loadAdvisoryFolder } from './memory.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-memory-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

describe('loadAdvisoryFolder', () => {
  it('loads a folder into memory with the checks of db import', async () => {
    mkdirSync(join(ROOT, 'own', 'sub'), { recursive: true });
    writeFileSync(join(ROOT, 'own', 'ORG-1.json'), osvRecord('ORG-1', { affected: [{ package: { ecosystem: 'PyPI', name: 'Our_Lib' } }] }));
    writeFileSync(join(ROOT, 'own', 'sub', 'ORG-1-new.json'), osvRecord('ORG-1', { modified: '2024-06-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'Our_Lib' } }] }));
    writeFileSync(join(ROOT, 'own', 'sub', 'ORG-2.json'), osvRecord('ORG-2', { aliases: null, affected: [{ package: { ecosystem: 'Debian:12', name: 'libfoo' }, versions: null }] }));
    writeFileSync(join(ROOT, 'own', 'sub', 'broken.json'), '{"id": "ORG-3",');
    writeFileSync(join(ROOT, 'own', 'sub', 'odd.json'), osvRecord('ORG-4', { affected: [{ package: { ecosystem: 'Haiku', name: 'x' } }] }));
    const loaded = await loadAdvisoryFolder(join(ROOT, 'own'));
    assert.deepEqual(loaded.records.map((record) => [record.id, record.modified]), [['ORG-1', '2024-06-01T00:00:00Z'], ['ORG-2', '2024-01-01T00:00:00Z'], ['ORG-4', '2024-01-01T00:00:00Z']]);
    assert.deepEqual(loaded.advisoriesFor('PyPI', 'our-lib').map((record) => record.modified), ['2024-06-01T00:00:00Z']);
    assert.deepEqual(loaded.advisoriesFor('Debian', 'libfoo').map((record) => record.id), ['ORG-2']);
    assert.deepEqual(loaded.advisoriesFor('Debian:11', 'libfoo').map((record) => record.id), ['ORG-2']);
    assert.equal('aliases' in (loaded.advisoriesFor('Debian', 'libfoo')[0] ?? {}), false);
    assert.deepEqual(loaded.advisoriesFor('npm', 'our-lib'), []);
    assert.deepEqual(loaded.unknownEcosystems, { Haiku: 1 });
    const broken = join(ROOT, 'own', 'sub', 'broken.json');
    assert.deepEqual(loaded.skipped, [{ path: broken, code: 'ADVISORY_INVALID', message: `${broken}:1:16: invalid JSON: unexpected end of input`, startLine: 1, startColumn: 16 }]);
  });

  it('serves records handed to it', () => {
    const source = createMemoryAdvisorySource([JSON.parse(osvRecord('A')), JSON.parse(osvRecord('B'))]);
    assert.deepEqual(source.advisoriesFor('npm', 'left-pad').map((record) => record.id), ['A', 'B']);
  });
});

describe('database age', () => {
  const meta: AdvisoryDatabaseMeta = { path: '/db', schemaVersion: 1, builtAt: '2024-05-01T00:00:00.000Z', recordCount: 1, sources: [] };
  const now = Date.parse('2024-05-11T06:00:00Z');
  const day = 86_400_000;

  it('measures from the last import', () => {
    assert.equal(databaseAge(meta, now), 10 * day + 6 * 3_600_000);
    assert.equal(databaseAge({ ...meta, builtAt: 'garbage' }, now), undefined);
    assert.throws(() => databaseAge(join(ROOT, 'absent.db')), { code: 'DB_UNAVAILABLE' });
  });

  const cases: readonly { name: string; maxAgeMs: number | undefined; warnAfterMs?: number; notice?: string; error?: string }[] = [
    { name: 'fresh enough', maxAgeMs: 30 * day, warnAfterMs: 30 * day },
    { name: 'older than the warning age', maxAgeMs: undefined, notice: 'The advisory database /db is 10 days old; run `palisade db update` for current advisories.' },
    { name: 'older than --db-max-age', maxAgeMs: 2 * day, error: 'The advisory database /db is 10 days old, older than --db-max-age 2 days. Run `palisade db update` (or import a newer mirror).' },
  ];
  for (const { name, maxAgeMs, warnAfterMs, notice, error } of cases) {
    it(name, () => {
      const options = { now, ...(warnAfterMs === undefined ? {} : { warnAfterMs }) };
      if (error !== undefined) assert.throws(() => checkDatabaseAge(meta, maxAgeMs, options), { code: 'DB_UNAVAILABLE', message: error });
      else assert.equal(checkDatabaseAge(meta, maxAgeMs, options), notice);
    });
  }

  it('formats ages', () => {
    assert.deepEqual([formatAge(0), formatAge(60_000), formatAge(2 * 3_600_000 + 5), formatAge(day)], ['less than a minute', '1 minute', '2 hours', '1 day']);
  });
});

describe('paths', () => {
  it('picks the database path and mirror', () => {
    assert.equal(defaultDatabasePath({ PALISADE_DB: '/x/a.db', XDG_CACHE_HOME: '/c' }), '/x/a.db');
    assert.equal(defaultDatabasePath({ XDG_CACHE_HOME: '/c' }), '/c/palisade/advisories.db');
    assert.equal(defaultDatabasePath({ HOME: '/home/u' }), '/home/u/.cache/palisade/advisories.db');
    assert.equal(mirrorUrl(undefined, {}), 'https://osv-vulnerabilities.storage.googleapis.com');
    assert.equal(mirrorUrl(undefined, { PALISADE_DB_MIRROR: 'http://m/' }), 'http://m');
    assert.equal(mirrorUrl('http://flag', { PALISADE_DB_MIRROR: 'http://m/' }), 'http://flag');
  });
});
