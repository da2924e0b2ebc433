import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openLayerCache } from '../image/cache/index.ts';
import { CACHE_HELP, cacheCommand } from './cache.ts';
import type { CliIo } from './io.ts';

const dir = mkdtempSync(join(tmpdir(), 'palisade-cache-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(env: Record<string, string> = {}): CliIo & { out: () => string } {
  let stdout = '';
  return { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env, out: () => stdout };
}

describe('palisade cache', () => {
  it('prints help, and exits 2 without a command', async () => {
    const io = fakeIo();
    assert.equal(await cacheCommand(['--help'], io), 0);
    assert.equal(io.out(), CACHE_HELP);
    assert.equal(await cacheCommand([], fakeIo()), 2);
  });

  it('prints the default path from the environment', async () => {
    const io = fakeIo({ PALISADE_CACHE_DIR: dir });
    assert.equal(await cacheCommand(['path'], io), 0);
    assert.equal(io.out(), `${join(dir, 'image-layers.sqlite')}\n`);
  });

  it('cleans the cache file, and says so when there is none', async () => {
    const path = join(dir, 'image-layers.sqlite');
    openLayerCache(path).close();
    const io = fakeIo({ PALISADE_CACHE_DIR: dir });
    assert.equal(await cacheCommand(['clean'], io), 0);
    assert.match(io.out(), new RegExp(`^Removed the image layer cache ${path} \\(\\d+\\.\\d KiB\\)\\.\\n$`));
    assert.equal(existsSync(path), false);
    const again = fakeIo();
    assert.equal(await cacheCommand(['clean', '--cache-file', path], again), 0);
    assert.equal(again.out(), `No image layer cache at ${path}.\n`);
  });

  it('rejects unknown commands and extra arguments as usage errors', async () => {
    await assert.rejects(cacheCommand(['purge'], fakeIo()), { code: 'USAGE', message: 'Unknown cache command "purge"; expected "clean" or "path"' });
    await assert.rejects(cacheCommand(['clean', 'now'], fakeIo()), { code: 'USAGE' });
  });
});
