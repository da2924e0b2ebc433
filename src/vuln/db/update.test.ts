import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PalisadeError } from '../../core/index.ts';
import { buildZip, osvRecord } from './__fixtures__/zip-writer.ts';
import { importAdvisories } from './import.ts';
import { openAdvisoryDatabase, readDatabaseMeta } from './store.ts';
import type { UpdateOptions } from './update.ts';
import { updateAdvisories } from './update.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'palisade-update-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

type Handler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

interface Mirror {
  readonly url: string;
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[];
  routes: Record<string, Handler>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (port 0) serving `routes` by path. */
async function startMirror(routes: Record<string, Handler>): Promise<Mirror> {
  const requests: Mirror['requests'] = [];
  const counts = new Map<string, number>();
  const mirror: Mirror = { url: '', requests, routes, close: async () => {} };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const handler = mirror.routes[path];
    if (handler === undefined) response.writeHead(404).end();
    else handler(request, response, counts.get(path) ?? 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the mirror has no TCP address');
  const { port } = address;
  return Object.assign(mirror, {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Serves `body` with an ETag, answering If-None-Match with 304 and Range (with a matching If-Range) with 206. */
function serveZip(body: Buffer, etag: string): Handler {
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (range?.[1] !== undefined && request.headers['if-range'] === etag) {
      const start = Number(range[1]);
      response.writeHead(206, { etag, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'content-length': body.length - start });
      return void response.end(body.subarray(start));
    }
    response.writeHead(200, { etag, 'content-length': body.length, 'last-modified': 'Wed, 01 May 2024 00:00:00 GMT' });
    response.end(body);
  };
}

function zipOf(...ids: string[]): Buffer {
  return buildZip(ids.map((id) => ({ name: `${id}.json`, data: osvRecord(id) })));
}

const sleeps: number[] = [];
function options(mirror: Mirror, extra: Partial<UpdateOptions> = {}): UpdateOptions {
  return { mirror: mirror.url, ecosystems: ['npm'], timeoutMs: 2000, retries: 2, backoffMs: 10, sleep: async (ms) => void sleeps.push(ms), ...extra };
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

function dbIn(name: string): string {
  return join(ROOT, name, 'advisories.db');
}

describe('updateAdvisories', () => {
  it('downloads, then gets 304, then follows an ETag change', async () => {
    const mirror = await startMirror({ '/npm/all.zip': serveZip(zipOf('GHSA-1', 'GHSA-2'), '"a"'), '/PyPI/all.zip': serveZip(zipOf('PYSEC-1'), '"p"') });
    try {
      const db = dbIn('cycle');
      const first = await updateAdvisories(db, options(mirror, { ecosystems: ['npm', 'PyPI'] }));
      assert.deepEqual(first.ecosystems.map((item) => [item.ecosystem, item.status, item.resumed]), [['npm', 'updated', false], ['PyPI', 'updated', false]]);
      assert.equal(first.import?.imported, 3);
      const meta = readDatabaseMeta(db);
      assert.deepEqual(meta.sources.map((source) => [source.name, source.url, source.etag, source.lastModified, source.recordCount]), [
        ['osv:PyPI', `${mirror.url}/PyPI/all.zip`, '"p"', 'Wed, 01 May 2024 00:00:00 GMT', 1],
        ['osv:npm', `${mirror.url}/npm/all.zip`, '"a"', 'Wed, 01 May 2024 00:00:00 GMT', 2],
      ]);
      const before = statSync(db);
      // What an import killed mid-way leaves beside the database goes even when nothing is imported.
      const stale = join(dirname(db), `.${basename(db)}.99999.deadbeef.tmp`);
      writeFileSync(stale, 'partial');
      const second = await updateAdvisories(db, options(mirror, { ecosystems: ['npm', 'PyPI'] }));
      assert.deepEqual(second.ecosystems.map((item) => item.status), ['unchanged', 'unchanged']);
      assert.equal(second.import, undefined);
      assert.equal(existsSync(stale), false);
      assert.equal(statSync(db).ino, before.ino);
      assert.deepEqual(mirror.requests.slice(-2).map((request) => [request.headers['if-none-match'], request.headers['if-modified-since']]), [['"a"', 'Wed, 01 May 2024 00:00:00 GMT'], ['"p"', 'Wed, 01 May 2024 00:00:00 GMT']]);
      mirror.routes['/npm/all.zip'] = serveZip(zipOf('GHSA-1', 'GHSA-3'), '"b"');
      const third = await updateAdvisories(db, options(mirror, { ecosystems: ['npm', 'PyPI'] }));
      assert.deepEqual(third.ecosystems.map((item) => item.status), ['updated', 'unchanged']);
      assert.deepEqual([third.import?.imported, third.import?.unchanged, third.import?.recordCount], [1, 1, 4]);
      assert.equal(readDatabaseMeta(db).sources.find((source) => source.name === 'osv:npm')?.etag, '"b"');
      assert.deepEqual(readdirSync(`${db}.downloads`), []);
    } finally {
      await mirror.close();
    }
  });

  it('rejects a truncated zip, naming it, and keeps the old database', async () => {
    const whole = zipOf('GHSA-9');
    const mirror = await startMirror({ '/npm/all.zip': serveZip(whole.subarray(0, whole.length - 40), '"t"') });
    try {
      const db = dbIn('truncated');
      await importAdvisories(db, []);
      const error = await rejection(updateAdvisories(db, options(mirror)));
      const file = join(`${db}.downloads`, 'npm.zip');
      assert.equal(error.code, 'ADVISORY_INVALID');
      assert.equal(error.message, `Downloaded ${mirror.url}/npm/all.zip, but ${file}: not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated).`);
      assert.equal(readDatabaseMeta(db).recordCount, 0);
      assert.deepEqual(readdirSync(`${db}.downloads`), []);
    } finally {
      await mirror.close();
    }
  });

  it('retries after a 500 and a 429 (honouring Retry-After)', async () => {
    const body = zipOf('GHSA-r');
    const mirror = await startMirror({
      '/npm/all.zip': (request, response, attempt) => {
        if (attempt === 1) return void response.writeHead(500).end();
        if (attempt === 2) return void response.writeHead(429, { 'retry-after': '3' }).end();
        serveZip(body, '"r"')(request, response, attempt);
      },
    });
    try {
      sleeps.length = 0;
      const summary = await updateAdvisories(dbIn('retry'), options(mirror));
      assert.equal(summary.import?.imported, 1);
      assert.deepEqual(sleeps, [10, 3000]);
      assert.equal(mirror.requests.length, 3);
    } finally {
      await mirror.close();
    }
  });

  it('gives up on a server that hangs, with NETWORK_FAILED and the old database untouched', async () => {
    const mirror = await startMirror({ '/npm/all.zip': () => {} });
    try {
      const db = dbIn('hang');
      await importAdvisories(db, []);
      const before = statSync(db).ino;
      const error = await rejection(updateAdvisories(db, options(mirror, { timeoutMs: 100, retries: 1 })));
      assert.equal(error.code, 'NETWORK_FAILED');
      assert.equal(error.message, `${mirror.url}/npm/all.zip: no response within 100 ms (gave up after 2 attempts).`);
      assert.equal(statSync(db).ino, before);
      assert.equal(mirror.requests.length, 2);
    } finally {
      await mirror.close();
    }
  });

  it('fails at once on a 404', async () => {
    const mirror = await startMirror({});
    try {
      const error = await rejection(updateAdvisories(dbIn('missing'), options(mirror, { ecosystems: ['Nope'] })));
      assert.deepEqual([error.code, error.message], ['NETWORK_FAILED', `${mirror.url}/Nope/all.zip: HTTP 404 Not Found.`]);
      assert.equal(mirror.requests.length, 1);
      assert.equal(existsSync(dbIn('missing')), false);
    } finally {
      await mirror.close();
    }
  });

  it('keeps a download that stalls half-way and resumes it with Range on the next run', async () => {
    const body = zipOf('GHSA-a', 'GHSA-b', 'GHSA-c');
    const half = Math.floor(body.length / 2);
    const full = serveZip(body, '"z"');
    const mirror = await startMirror({
      '/npm/all.zip': (request, response, attempt) => {
        if (attempt > 1) return full(request, response, attempt);
        response.writeHead(200, { etag: '"z"', 'content-length': body.length });
        response.write(body.subarray(0, half));
      },
    });
    try {
      const db = dbIn('resume');
      const error = await rejection(updateAdvisories(db, options(mirror, { retries: 0, timeoutMs: 300 })));
      assert.equal(error.code, 'NETWORK_FAILED');
      assert.equal(error.message, `${mirror.url}/npm/all.zip: the download broke off after ${half} bytes (no data for 300 ms, or the connection closed) (gave up after 1 attempt).`);
      assert.equal(statSync(join(`${db}.downloads`, 'npm.zip.part')).size, half);
      const summary = await updateAdvisories(db, options(mirror));
      assert.deepEqual(summary.ecosystems.map((item) => [item.status, item.resumed, item.bytes]), [['updated', true, body.length]]);
      assert.equal(mirror.requests[1]?.headers.range, `bytes=${half}-`);
      assert.equal(mirror.requests[1]?.headers['if-range'], '"z"');
      const database = openAdvisoryDatabase(db);
      try {
        assert.deepEqual(database.advisoriesFor('npm', 'left-pad').map((record) => record.id), ['GHSA-a', 'GHSA-b', 'GHSA-c']);
      } finally {
        database.close();
      }
    } finally {
      await mirror.close();
    }
  });
});
