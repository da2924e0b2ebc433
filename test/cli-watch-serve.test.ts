// `palisade watch` as a long-running service: /healthz, /metrics (passes, problems and the store's
// connection health) and /report over real HTTP on 127.0.0.1, and a clean exit on SIGTERM. The one
// repository points at a closed port, so every pass reports a problem and the watcher goes on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importAdvisories } from '../src/vuln/db/index.ts';
import { REPO_ROOT } from './cli-helpers.ts';
import { freePort } from './image/registry.ts';

const BIN = join(REPO_ROOT, 'bin', 'palisade.js');

async function waitFor(url: string, ready: (body: string) => boolean): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const body = await fetch(url).then(
      async (response) => (response.ok ? response.text() : ''),
      () => '',
    );
    if (ready(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered as expected`);
}

describe('palisade watch (service endpoints)', { timeout: 120_000 }, () => {
  it('serves health, metrics with connection health, and the report, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-watch-serve-'));
    const port = await freePort();
    const closed = await freePort();
    await importAdvisories(join(dir, 'advisories.db'), [await mkdtemp(join(tmpdir(), 'palisade-no-advisories-'))], { replace: true });
    await writeFile(join(dir, 'watch.yaml'), `store: watch.db\ndatabase: advisories.db\ninterval: 1h\nlisten: 127.0.0.1:${port}\nrepositories:\n  - 127.0.0.1:${closed}/team/app\nsinks: [stdout]\n`);
    const child = spawn(process.execPath, [BIN, 'watch', '--config', join(dir, 'watch.yaml')], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: dir, PALISADE_WORKERS: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    after(() => child.kill('SIGKILL'));

    const base = `http://127.0.0.1:${port}`;
    assert.equal(await waitFor(`${base}/healthz`, (body) => body !== ''), 'ok\n');
    const metrics = await waitFor(`${base}/metrics`, (body) => body.includes('palisade_watch_passes_total 1\n'));
    assert.match(metrics, /^palisade_watch_failed_passes_total 0$/m);
    assert.match(metrics, /^palisade_watch_problems_total 1$/m);
    assert.match(metrics, /^palisade_watch_images 0$/m);
    assert.match(metrics, /^palisade_watch_connection_up\{service="store"\} 1$/m);
    assert.match(metrics, /^palisade_watch_connection_errors_total\{service="queue"\} 0$/m);
    assert.match(metrics, /^palisade_watch_requeued_jobs_total 0$/m);
    assert.deepEqual(JSON.parse(await waitFor(`${base}/report`, (body) => body !== '')), { alerts: [] });
    assert.equal((await fetch(`${base}/nothing`)).status, 404);
    assert.match(stderr, new RegExp(`127\\.0\\.0\\.1:${closed}/team/app`), 'the unreachable repository is reported');

    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
  });
});
