import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { PalisadeError } from '../../core/index.ts';
import { buildZip, osvRecord } from './__fixtures__/zip-writer.ts';
import { importAdvisories } from './import.ts';
import { acquireWriterLock } from './lock.ts';
import { openAdvisoryDatabase, readDatabaseMeta } from './store.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-db-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder under ROOT holding `files` (path → content). */
function folder(files: Readonly<Record<string, string | Uint8Array>>): string {
  counter += 1;
  const dir = join(ROOT, `case-${counter}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function pypi(id: string, name: string, modified = '2024-01-01T00:00:00Z'): string {
  return osvRecord(id, { modified, affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }] });
}

async function rejection(promise: Promise<unknown>): Promise<PalisadeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PalisadeError) return error;
    throw error;
  }
  throw new Error('expected a PalisadeError');
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.tmp'));
}

describe('importAdvisories', () => {
  it('imports a folder, reports each bad advisory and keeps going', async () => {
    const input = folder({
      'a/GHSA-1.json': osvRecord('GHSA-1'),
      'a/PYSEC-1.json': pypi('PYSEC-1', 'Zope.Interface'),
      'b/broken.json': '{"id": "X",\n  "modified": }',
      'b/range.json': osvRecord('GHSA-bad', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }, { type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] }] }] }),
      'b/unknown.json': osvRecord('HAIKU-1', { affected: [{ package: { ecosystem: 'Haiku:r1', name: 'x' } }] }),
      'b/withdrawn.json': osvRecord('GHSA-2', { withdrawn: '2024-02-01T00:00:00Z' }),
      'notes.txt': 'not json, ignored',
    });
    const db = join(ROOT, 'one', 'advisories.db');
    const summary = await importAdvisories(db, [input], { now: () => new Date('2024-05-01T00:00:00Z') });
    assert.deepEqual({ ...summary, skipped: [] }, { path: db, imported: 4, replaced: 0, unchanged: 0, skipped: [], unknownEcosystems: { Haiku: 1 }, recordCount: 4 });
    assert.deepEqual(summary.skipped, [
      { path: join(input, 'b/broken.json'), code: 'ADVISORY_INVALID', message: `${join(input, 'b/broken.json')}:2:15: invalid JSON: unexpected character "}"`, startLine: 2, startColumn: 15 },
      { path: join(input, 'b/range.json'), code: 'ADVISORY_INVALID', message: `${join(input, 'b/range.json')}: advisory GHSA-bad: affected[0].ranges[1].events[0] must hold exactly one of introduced, fixed, last_affected, limit (has "introduced" and "fixed")` },
    ]);
    const database = openAdvisoryDatabase(db);
    try {
      assert.deepEqual(database.advisoriesFor('PyPI', 'zope-interface').map((record) => record.id), ['PYSEC-1']);
      assert.deepEqual(database.advisoriesFor('PyPI', 'ZOPE_interface').map((record) => record.id), ['PYSEC-1']);
      assert.deepEqual(database.advisoriesFor('npm', 'left-pad').map((record) => record.id), ['GHSA-1', 'GHSA-2']);
      assert.deepEqual(database.advisoriesFor('npm', 'Left-Pad'), []);
      assert.deepEqual(database.advisoriesFor('Haiku', 'x').map((record) => record.id), ['HAIKU-1']);
      assert.deepEqual(database.get('GHSA-1'), JSON.parse(osvRecord('GHSA-1')));
      assert.equal(database.meta.builtAt, '2024-05-01T00:00:00.000Z');
      assert.equal(database.meta.newestModified, '2024-01-01T00:00:00.000000000Z');
      assert.deepEqual(database.meta.sources, [{ name: input, importedAt: '2024-05-01T00:00:00.000Z', recordCount: 4 }]);
      assert.deepEqual(database.ecosystemCounts(), [{ ecosystem: 'Haiku', records: 1 }, { ecosystem: 'PyPI', records: 1 }, { ecosystem: 'npm', records: 2 }]);
    } finally {
      database.close();
    }
    assert.deepEqual(leftovers(join(ROOT, 'one')), []);
  });

  it('keeps the newest modified when an id comes twice, within and across imports', async () => {
    const db = join(ROOT, 'twice', 'advisories.db');
    const first = folder({ 'a.json': pypi('PYSEC-9', 'flask', '2024-01-02T00:00:00Z'), 'b.json': pypi('PYSEC-9', 'old-flask', '2024-01-01T00:00:00Z') });
    const one = await importAdvisories(db, [first]);
    assert.deepEqual([one.imported, one.replaced, one.unchanged], [1, 0, 1]);
    const second = folder({ 'c.json': pypi('PYSEC-9', 'newer-flask', '2024-01-02T01:00:00+02:00') });
    const two = await importAdvisories(db, [second]);
    assert.deepEqual([two.imported, two.replaced, two.unchanged, two.recordCount], [0, 0, 1, 1]);
    const third = folder({ 'd.json': pypi('PYSEC-9', 'newest-flask', '2024-01-03T00:00:00Z') });
    const three = await importAdvisories(db, [third]);
    assert.deepEqual([three.imported, three.replaced, three.unchanged, three.recordCount], [0, 1, 0, 1]);
    const database = openAdvisoryDatabase(db);
    try {
      assert.deepEqual(database.advisoriesFor('PyPI', 'flask'), []);
      assert.deepEqual(database.advisoriesFor('PyPI', 'newest-flask').map((record) => record.modified), ['2024-01-03T00:00:00Z']);
      assert.deepEqual(database.meta.sources.map((source) => source.name), [first, second, third].sort());
    } finally {
      database.close();
    }
  });

  it('reads zips: skips a ../ entry without writing it, checks sizes, builds fresh with replace', async () => {
    const zipDir = folder({
      'all.zip': buildZip([
        { name: 'GHSA-z1.json', data: osvRecord('GHSA-z1') },
        { name: '../escape.json', data: osvRecord('GHSA-evil') },
        { name: '/abs.json', data: osvRecord('GHSA-abs'), store: true },
        { name: 'dir/', data: '', store: true },
        { name: 'dir/GHSA-z2.json', data: osvRecord('GHSA-z2'), store: true },
        { name: 'big.json', data: osvRecord('GHSA-big', { details: 'x'.repeat(4096) }) },
        { name: 'README.txt', data: 'ignored' },
      ]),
    });
    const zip = join(zipDir, 'all.zip');
    const db = join(ROOT, 'zip', 'advisories.db');
    await importAdvisories(db, [folder({ 'old.json': osvRecord('GHSA-old') })]);
    const summary = await importAdvisories(db, [zip], { replace: true, maxAdvisoryBytes: 1024 });
    assert.deepEqual([summary.imported, summary.recordCount], [2, 2]);
    assert.deepEqual(summary.skipped, [
      { path: `${zip}!/../escape.json`, code: 'ADVISORY_INVALID', message: `${zip}!/../escape.json: unsafe entry name (invalid relative path: ../escape.json); ignored` },
      { path: `${zip}!//abs.json`, code: 'ADVISORY_INVALID', message: `${zip}!//abs.json: unsafe entry name (absolute path: /abs.json); ignored` },
      { path: `${zip}!/big.json`, code: 'FILE_TOO_LARGE', message: `${zip}!/big.json: the entry is 4300 bytes; the limit is 1024` },
    ]);
    assert.deepEqual(readdirSync(zipDir), ['all.zip']);
    assert.deepEqual(readdirSync(ROOT).filter((name) => name.includes('escape')), []);
    const database = openAdvisoryDatabase(db);
    try {
      assert.equal(database.get('GHSA-old'), undefined);
      assert.deepEqual(database.advisoriesFor('npm', 'left-pad').map((record) => record.id), ['GHSA-z1', 'GHSA-z2']);
    } finally {
      database.close();
    }
  });

  it('reads a ZIP64 archive (OSV zips past 65,535 entries)', async () => {
    const zip = join(folder({ 'all.zip': buildZip([{ name: 'GHSA-64a.json', data: osvRecord('GHSA-64a') }, { name: 'GHSA-64b.json', data: osvRecord('GHSA-64b') }], { zip64: true }) }), 'all.zip');
    const summary = await importAdvisories(join(ROOT, 'zip64', 'advisories.db'), [zip]);
    assert.deepEqual([summary.imported, summary.skipped.length], [2, 0]);
  });

  it('leaves the old database usable and no temporary file when a zip is truncated', async () => {
    const db = join(ROOT, 'truncated', 'advisories.db');
    await importAdvisories(db, [folder({ 'a.json': osvRecord('GHSA-keep') })]);
    const whole = buildZip([{ name: 'GHSA-n.json', data: osvRecord('GHSA-n') }]);
    const dir = folder({ 'all.zip': whole.subarray(0, whole.length - 30) });
    const error = await rejection(importAdvisories(db, [folder({ 'b.json': osvRecord('GHSA-b') }), join(dir, 'all.zip')]));
    assert.equal(error.code, 'ADVISORY_INVALID');
    assert.equal(error.message, `${join(dir, 'all.zip')}: not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated).`);
    assert.deepEqual(readDatabaseMeta(db).recordCount, 1);
    assert.deepEqual(leftovers(join(ROOT, 'truncated')), []);
  });

  it('fails the whole import on a corrupt entry (CRC-32 mismatch, more data than declared)', async () => {
    const db = join(ROOT, 'crc', 'advisories.db');
    const dir = folder({ 'all.zip': buildZip([{ name: 'GHSA-c.json', data: osvRecord('GHSA-c'), crc: 7 }]) });
    const error = await rejection(importAdvisories(db, [join(dir, 'all.zip')]));
    assert.equal(error.message, `${join(dir, 'all.zip')}: not a readable zip archive (entry GHSA-c.json: CRC-32 mismatch).`);
    assert.deepEqual(readdirSync(join(ROOT, 'crc')), ['advisories.db.lock']);
    const bomb = join(folder({ 'all.zip': buildZip([{ name: 'bomb.json', data: ' '.repeat(1_000_000), declaredSize: 10 }]) }), 'all.zip');
    const inflated = await rejection(importAdvisories(db, [bomb]));
    assert.equal(inflated.message, `${bomb}: not a readable zip archive (entry bomb.json: Cannot create a Buffer larger than 10 bytes).`);
  });

  it('names a missing or unsupported input', async () => {
    const db = join(ROOT, 'missing', 'advisories.db');
    const missing = await rejection(importAdvisories(db, [join(ROOT, 'nope')]));
    assert.deepEqual([missing.code, missing.message], ['TARGET_NOT_FOUND', `${join(ROOT, 'nope')}: no such file or folder.`]);
    const text = join(folder({ 'x.txt': 'x' }), 'x.txt');
    const unsupported = await rejection(importAdvisories(db, [text]));
    assert.deepEqual([unsupported.code, unsupported.message], ['TARGET_UNSUPPORTED', `${text}: expected a folder of OSV .json files, one .json file or an OSV .zip.`]);
  });

  it('refuses a database file that is not SQLite, or another SQLite database, and leaves it alone', async () => {
    const notSqlite = join(folder({ 'advisories.db': 'plain text, not a database '.repeat(40) }), 'advisories.db');
    const input = folder({ 'a.json': osvRecord('GHSA-a') });
    for (const replace of [false, true]) {
      const error = await rejection(importAdvisories(notSqlite, [input], { replace }));
      assert.equal(error.code, 'DB_INVALID');
    }
    assert.equal(readFileSync(notSqlite, 'utf8'), 'plain text, not a database '.repeat(40));
    const opened = (() => {
      try {
        openAdvisoryDatabase(notSqlite);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(opened instanceof PalisadeError);
    assert.equal(opened.message, `${notSqlite} is not a Palisade advisory database (file is not a database).`);
    const foreign = join(folder({}), 'other.db');
    const other = new DatabaseSync(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const error = await rejection(importAdvisories(foreign, [input]));
    assert.deepEqual([error.code, error.message], ['DB_INVALID', `${foreign} is an SQLite file but not a Palisade advisory database; choose another --db path.`]);
  });

  it('refuses a database of a newer schema, and --replace rebuilds it', async () => {
    const db = join(ROOT, 'newer', 'advisories.db');
    await importAdvisories(db, [folder({ 'a.json': osvRecord('GHSA-a') })]);
    const raw = new DatabaseSync(db);
    raw.exec('UPDATE palisade_schema SET version = 99');
    raw.close();
    assert.throws(() => openAdvisoryDatabase(db), { code: 'DB_INVALID', message: `${db} was written by a newer Palisade (schema 99; this version reads 1). Upgrade Palisade, or rebuild it with \`palisade db import --replace\`.` });
    const summary = await importAdvisories(db, [folder({ 'b.json': osvRecord('GHSA-b') })], { replace: true });
    assert.equal(summary.recordCount, 1);
    assert.equal(readDatabaseMeta(db).schemaVersion, 1);
  });

  it('says when there is no database', () => {
    const path = join(ROOT, 'absent', 'advisories.db');
    assert.throws(() => openAdvisoryDatabase(path), { code: 'DB_UNAVAILABLE', message: `No advisory database at ${path}.` });
  });

  it('lets one writer in at a time', async () => {
    const db = join(ROOT, 'locked', 'advisories.db');
    mkdirSync(join(ROOT, 'locked'));
    const release = acquireWriterLock(db);
    try {
      const error = await rejection(importAdvisories(db, [folder({ 'a.json': osvRecord('GHSA-a') })], { lockTimeoutMs: 0 }));
      assert.equal(error.code, 'DB_UNAVAILABLE');
      assert.equal(error.message, `Another import or update is writing ${db} (lock ${db}.lock held for more than 0 s); try again when it has finished.`);
    } finally {
      release();
    }
  });

  it('survives an import killed half-way: old database intact, temporary file swept by the next import', async () => {
    const db = join(ROOT, 'killed', 'advisories.db');
    await importAdvisories(db, [folder({ 'a.json': osvRecord('GHSA-a') })]);
    const files: Record<string, string> = {};
    for (let index = 0; index < 200; index += 1) files[`r${index}.json`] = osvRecord(`GHSA-k${index}`);
    const input = folder(files);
    const script = `import { importAdvisories } from ${JSON.stringify(new URL('./import.ts', import.meta.url).href)};
await importAdvisories(${JSON.stringify(db)}, [${JSON.stringify(input)}], { onAdvisory(count) { if (count === 100) process.kill(process.pid, 'SIGKILL'); } });`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL');
    assert.equal(leftovers(join(ROOT, 'killed')).length > 0, true);
    assert.equal(readDatabaseMeta(db).recordCount, 1);
    const summary = await importAdvisories(db, [input]);
    assert.equal(summary.recordCount, 201);
    assert.deepEqual(leftovers(join(ROOT, 'killed')), []);
  });
});
