import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildZip, osvRecord } from '../vuln/db/__fixtures__/zip-writer.ts';
import { importAdvisories } from '../vuln/db/index.ts';
import { DB_HELP, dbCommand } from './db.ts';
import type { CliIo } from './io.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-cli-db-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

function fakeIo(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    out: () => stdout,
    err: () => stderr,
  };
}

function advisoryFolder(name: string): string {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'GHSA-1.json'), osvRecord('GHSA-1'));
  writeFileSync(join(dir, 'bad.json'), '{"id": "GHSA-2", "modified": "2024-01-01T00:00:00Z", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"fixed": "1"}]}]}]}');
  writeFileSync(join(dir, 'haiku.json'), osvRecord('HAIKU-1', { affected: [{ package: { ecosystem: 'Haiku', name: 'x' } }] }));
  return dir;
}

describe('palisade db', () => {
  it('prints help', async () => {
    const io = fakeIo();
    assert.equal(await dbCommand(['--help'], io), 0);
    assert.equal(io.out(), DB_HELP);
    assert.equal(await dbCommand([], fakeIo()), 2);
  });

  const usage: readonly [readonly string[], string][] = [
    [['frobnicate'], 'Unknown db command "frobnicate"; expected "import <path>...", "update" or "status"'],
    [['import'], 'palisade db import needs at least one folder, .json file or .zip'],
    [['status', 'extra'], 'Unknown db command "status extra"; expected "import <path>...", "update" or "status"'],
    [['status', '--format', 'xml'], '--format must be one of table, json (got "xml")'],
    [['update', '--timeout', 'soon', '--db', '/nonexistent/x.db'], '--timeout must be a positive number of seconds (got "soon")'],
  ];
  for (const [args, message] of usage) {
    it(`refuses ${args.join(' ')}`, async () => {
      await assert.rejects(dbCommand(args, fakeIo()), { code: 'USAGE', message });
    });
  }

  it('imports, reporting skipped advisories and unknown ecosystems on stderr', async () => {
    const dir = advisoryFolder('import');
    const db = join(ROOT, 'import.db');
    const io = fakeIo();
    assert.equal(await dbCommand(['import', dir, '--db', db], io), 0);
    assert.equal(io.out(), `Imported into ${db}: 2 new, 0 replaced, 0 unchanged, 1 skipped; 2 records in total.\n`);
    assert.equal(
      io.err(),
      `palisade: skipped ${join(dir, 'bad.json')}: advisory GHSA-2: affected[0].ranges[0].events has no "introduced" event [ADVISORY_INVALID]\n` +
        'palisade: kept advisories for ecosystems Palisade cannot match yet: Haiku (1)\n',
    );
    const quiet = fakeIo();
    assert.equal(await dbCommand(['import', dir, '--db', db, '-q', '--format', 'json'], quiet), 0);
    assert.equal(quiet.err(), '');
    assert.deepEqual(JSON.parse(quiet.out()).unchanged, 2);
  });

  it('shows status from $PALISADE_DB, as a table and as JSON', async () => {
    const dir = advisoryFolder('status');
    const db = join(ROOT, 'status.db');
    const built = new Date(Date.now() - 3 * 86_400_000 - 60_000);
    await importAdvisories(db, [dir], { now: () => built });
    const io = fakeIo({ PALISADE_DB: db });
    assert.equal(await dbCommand(['status'], io), 0);
    assert.equal(
      io.out(),
      [
        `Database   ${db}`,
        'Schema     1',
        `Updated    ${built.toISOString()} (3 days ago)`,
        'Records    2, newest modified 2024-01-01T00:00:00.000000000Z',
        'Sources',
        `  ${dir}  2 records  imported ${built.toISOString()} (3 days ago)`,
        'Ecosystems',
        '  Haiku  1',
        '  npm    1',
        '',
      ].join('\n'),
    );
    const json = fakeIo({ PALISADE_DB: db });
    assert.equal(await dbCommand(['status', '-f', 'json'], json), 0);
    const parsed: unknown = JSON.parse(json.out());
    assert.ok(typeof parsed === 'object' && parsed !== null && 'ageMs' in parsed && typeof parsed.ageMs === 'number');
    assert.deepEqual({ ...parsed, ageMs: 0 }, {
      path: db,
      schemaVersion: 1,
      builtAt: built.toISOString(),
      newestModified: '2024-01-01T00:00:00.000000000Z',
      recordCount: 2,
      sources: [{ name: dir, importedAt: built.toISOString(), recordCount: 2 }],
      ageMs: 0,
      ecosystems: [{ ecosystem: 'Haiku', records: 1 }, { ecosystem: 'npm', records: 1 }],
    });
  });

  it('says when there is no database', async () => {
    const db = join(ROOT, 'none.db');
    await assert.rejects(dbCommand(['status', '--db', db], fakeIo()), { code: 'DB_UNAVAILABLE', message: `No advisory database at ${db}.` });
  });

  it('updates from the mirror in $PALISADE_DB_MIRROR', async () => {
    const body = buildZip([{ name: 'GHSA-u.json', data: osvRecord('GHSA-u') }]);
    const server = createServer((request, response) => {
      if (request.url !== '/npm/all.zip') return void response.writeHead(404).end();
      if (request.headers['if-none-match'] === '"u"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"u"', 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      assert.ok(address !== null && typeof address !== 'string');
      const db = join(ROOT, 'update.db');
      const env = { PALISADE_DB_MIRROR: `http://127.0.0.1:${address.port}/` };
      const io = fakeIo(env);
      assert.equal(await dbCommand(['update', '--db', db, '--ecosystems', 'npm', '--timeout', '5'], io), 0);
      assert.equal(io.out(), `npm  updated    0.0 MiB\nUpdated ${db}: 1 new, 0 replaced, 0 unchanged, 0 skipped; 1 records in total.\n`);
      assert.equal(io.err(), `palisade: fetching http://127.0.0.1:${address.port}/npm/all.zip\n`);
      const again = fakeIo(env);
      assert.equal(await dbCommand(['update', '--db', db, '--ecosystems', 'npm', '-q'], again), 0);
      assert.equal(again.out(), `npm  unchanged\nNothing changed; ${db} is as it was.\n`);
      assert.equal(again.err(), '');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
