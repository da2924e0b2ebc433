// The watch store contract (test/watch/store-contract.ts) against SQLite and a real PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { ServerFixture } from './servers.ts';
import { postgresMissing, startPostgres } from './servers.ts';
import { storeContract } from './store-contract.ts';

describe('SQLite watch store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-store-'));
  let count = 0;
  after(() => rmSync(dir, { recursive: true, force: true }));
  storeContract(() => {
    count += 1;
    return Promise.resolve(join(dir, `store-${count}.db`));
  });
});

describe('PostgreSQL watch store', { skip: postgresMissing() }, () => {
  let server: ServerFixture | undefined;
  let count = 0;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => server?.stop());
  storeContract(async () => {
    count += 1;
    const url = server?.url ?? '';
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE store_${count}`);
    } finally {
      await admin.end();
    }
    return url.replace(/\/postgres$/, `/store_${count}`);
  });
});
