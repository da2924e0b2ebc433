// The layer filesystem against whiteouts written by a real image tool (umoci), read through the OCI layout source.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runRules } from '../../scan/run-rules.ts';
import { secretRules } from '../../secrets/index.ts';
import { imageRules } from '../rules/index.ts';
import { openImage } from '../source/index.ts';
import { scanImage } from './scan-image.ts';

const HAS_UMOCI = spawnSync('umoci', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'palisade-umoci-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function umoci(...args: string[]): void {
  execFileSync('umoci', args, { cwd: dir, stdio: 'ignore' });
}

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('image scan of a umoci-built image', () => {
  it('reads umoci whiteouts: a deleted secret is reported as still in the image, a deleted file is gone', async (t) => {
    if (!HAS_UMOCI) {
      t.skip('needs the Debian package umoci');
      return;
    }
    umoci('init', '--layout', 'img');
    umoci('new', '--image', 'img:v1');
    umoci('unpack', '--rootless', '--image', 'img:v1', 'first');
    write('first/rootfs/etc/os-release', 'ID=alpine\nVERSION_ID=3.20.0\n');
    write('first/rootfs/app/.env', 'AWS_ACCESS_KEY_ID=AKIAZ7Q3N5KX2WJ4TB6P\n');
    write('first/rootfs/lib/apk/db/installed', 'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\n\n');
    umoci('repack', '--image', 'img:v1', 'first');
    umoci('unpack', '--rootless', '--image', 'img:v1', 'second');
    rmSync(join(dir, 'second/rootfs/app/.env'));
    rmSync(join(dir, 'second/rootfs/lib/apk'), { recursive: true });
    umoci('repack', '--image', 'img:v1', 'second');
    const source = await openImage(`oci:${join(dir, 'img')}:v1`, { platform: { os: 'linux', architecture: 'amd64' } });
    try {
      const result = await scanImage(source, { rules: [...secretRules, ...imageRules.filter((rule) => rule.meta.slug === 'require-image-non-root-user')], runRules });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.distribution, { id: 'alpine', versionId: '3.20.0' });
      assert.deepEqual(result.inventories, []);
      const [first, second] = source.layers;
      assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.location.path]), [
        ['SEC-0001', `oci:${join(dir, 'img')}:v1@${result.layers[0]?.diffId ?? ''}:/app/.env`],
        ['IMG-0001', `oci:${join(dir, 'img')}:v1`],
      ]);
      assert.match(result.findings[0]?.message ?? '', /Present in layer 1 .*although deleted by a later layer: still in the image\.$/);
      assert.equal(result.layers.length, 2);
      assert.equal(second?.digest, result.layers[1]?.digest);
    } finally {
      await source.close();
    }
  });
});
