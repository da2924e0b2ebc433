import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importAdvisories } from '../vuln/db/index.ts';
import { chunk, createAdvisoryMemo, databaseRevision, isRematchJobData, isScanJobData, rematchJobId, runRematchJob, scanJobId } from './jobs.ts';
import { SqliteWatchStore } from './store-sqlite.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('job ids', () => {
  it('are deterministic, free of ":" (BullMQ refuses it) and change with the revision or the chunk', () => {
    assert.equal(scanJobId(DIGEST), `scan-sha256-${'a'.repeat(64)}`);
    const data = { revision: '2026-11-27T00:00:00.000Z', digests: [DIGEST] };
    assert.equal(rematchJobId(data), rematchJobId({ ...data }));
    assert.match(rematchJobId(data), /^rematch-[0-9a-f]{40}$/);
    assert.notEqual(rematchJobId(data), rematchJobId({ ...data, revision: '2026-11-28T00:00:00.000Z' }));
    assert.notEqual(rematchJobId(data), rematchJobId({ ...data, digests: [DIGEST, `sha256:${'b'.repeat(64)}`] }));
  });
});

describe('job data from the queue', () => {
  const cases: [string, unknown, boolean, boolean][] = [
    ['a scan job', { repository: 'registry.example.com/web', digest: DIGEST }, true, false],
    ['a re-match job', { revision: 'r', digests: [DIGEST] }, false, true],
    ['a digest that is not one', { repository: 'r', digest: '../../etc/passwd' }, false, false],
    ['digests that are not strings', { revision: 'r', digests: [1] }, false, false],
    ['null', null, false, false],
    ['a string', 'scan', false, false],
  ];
  for (const [name, value, scan, rematch] of cases) {
    it(`reads ${name}`, () => assert.deepEqual([isScanJobData(value), isRematchJobData(value)], [scan, rematch]));
  }
});

describe('chunk', () => {
  it('splits in order, the last chunk shorter', () => assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]));
  it('gives nothing for nothing', () => assert.deepEqual(chunk([], 100), []));
});

describe('runRematchJob', () => {
  it('refuses a job of another database revision, naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-jobs-'));
    try {
      mkdirSync(join(dir, 'advisories'));
      writeFileSync(join(dir, 'advisories', 'GHSA-0000-0000-0001.json'), JSON.stringify({ id: 'GHSA-0000-0000-0001', modified: '2026-11-20T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] }));
      await importAdvisories(join(dir, 'advisories.db'), [join(dir, 'advisories')], { replace: true });
      const revision = databaseRevision(join(dir, 'advisories.db'));
      const store = new SqliteWatchStore(':memory:');
      const context = { store, databasePath: join(dir, 'advisories.db'), fetch: {}, memo: createAdvisoryMemo() };
      await assert.rejects(runRematchJob({ revision: 'older', digests: [] }, context, new Date()), (error: Error & { code?: string }) => error.code === 'DB_INVALID' && error.message.includes(`was built at ${revision}; this job needs the one built at older`));
      const done = await runRematchJob({ revision, digests: [DIGEST] }, context, new Date());
      assert.deepEqual([done.images, done.matched, done.recorded, done.problems], [1, 0, 0, []]);
      assert.equal(context.memo.revision, revision);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
