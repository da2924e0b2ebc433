import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzers } from '../catalog.ts';
import type { FileScanResult } from './scan-files.ts';
import { scanFiles } from './scan-files.ts';
import { resolveSettings } from './settings.ts';
import { workerCount } from './text-pool.ts';

/** A tree with secrets in many text files, a Dockerfile (not text-only) and a suppression comment. */
async function tree(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-scan-files-'));
  await mkdir(join(root, 'src'));
  for (let index = 0; index < 40; index += 1) {
    const body = index % 4 === 0 ? `const key = "AKIAZ7Q3N5KX2WJ4TB${String(index).padStart(2, '0')}";\n` : `export const value${index} = ${index};\n`;
    await writeFile(join(root, 'src', `file-${index}.js`), body.repeat(1 + (index % 3)));
  }
  await writeFile(join(root, 'src', 'waived.js'), 'const k = "AKIAQ4R7T2MZX3KP5WZB"; # palisade-ignore no-aws-access-key-id -- test key\n');
  await writeFile(join(root, 'Dockerfile'), 'FROM alpine:3.20\nENV AWS_KEY=AKIAJ6V2NXQ4R5T7Y3UC\n');
  return root;
}

function summary(result: FileScanResult): unknown {
  return {
    findings: result.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}:${finding.location.startColumn ?? 0} ${finding.ruleId} ${finding.fingerprint}`).sort(),
    errors: result.errors.length,
    filesScanned: result.filesScanned,
    notes: [...result.notes.keys()].sort(),
  };
}

describe('scanFiles', () => {
  it('gives the same findings, notes and counts on worker threads as on one thread', async () => {
    const root = await tree();
    const options = { target: root, scanners: ['secret' as const] };
    const settings = await resolveSettings(options);
    const request = { target: root, analyzers, rules: settings.rules, ignorePatterns: [], maxFileSize: 1 << 20 };
    const single = await scanFiles(request);
    const parallel = await scanFiles({ ...request, parallel: { settingsInput: options, workers: 2, minBytes: 0 } });
    assert.deepEqual(summary(parallel), summary(single));
    assert.deepEqual(
      single.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}`).sort(),
      // Only suffixes made of base32 digits (2-7) are valid AWS key ids.
      ['Dockerfile:2', 'src/file-24.js:1', 'src/file-32.js:1', 'src/file-32.js:2', 'src/file-32.js:3', 'src/file-36.js:1', 'src/waived.js:1'],
    );
    assert.deepEqual([...single.notes.keys()], ['src/waived.js']);
  });

  it('reads the worker count from PALISADE_WORKERS (0 or 1: none)', () => {
    assert.equal(workerCount({ PALISADE_WORKERS: '0' }), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '1' }), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '3' }), 3);
    assert.ok(workerCount({}) >= 0);
  });
});
