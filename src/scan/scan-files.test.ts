import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzers } from '../catalog.ts';
import type { FileScanResult } from './scan-files.ts';
import { scanFiles } from './scan-files.ts';
import { resolveSettings } from './settings.ts';
import { textWorkerInput, workerCount } from './text-pool.ts';

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

  it('checks content on the single read: binaries and one-line bundles are skipped, notes kept, oversize text reported', async () => {
    const root = await mkdtemp(join(tmpdir(), 'palisade-scan-files-content-'));
    await writeFile(join(root, 'blob'), Buffer.concat([Buffer.from('AKIAZ7Q3N5KX2WJ4TB22 '), Buffer.from([0, 1, 2])]));
    await writeFile(join(root, 'late-nul.txt'), Buffer.concat([Buffer.from(`${'x\n'.repeat(2100)}key AKIAZ7Q3N5KX2WJ4TB23\n`), Buffer.from([0])]));
    await writeFile(join(root, 'bundle.js'), `var k="AKIAZ7Q3N5KX2WJ4TB24";${'x'.repeat(5000)}`);
    await writeFile(join(root, 'notes.txt'), '# palisade-ignore-file no-aws-access-key-id -- nothing here\nplain text\n');
    await writeFile(join(root, 'big.bin'), Buffer.alloc(10000, 0));
    await writeFile(join(root, 'big-binary'), Buffer.alloc(10000, 0));
    await writeFile(join(root, 'big.txt'), 'a'.repeat(10000));
    const options = { target: root, scanners: ['secret' as const] };
    const settings = await resolveSettings(options);
    const request = { target: root, analyzers, rules: settings.rules, ignorePatterns: [], maxFileSize: 8192 };
    const single = await scanFiles(request);
    const parallel = await scanFiles({ ...request, parallel: { settingsInput: options, workers: 2, minBytes: 0 } });
    assert.deepEqual(summary(parallel), summary(single));
    assert.deepEqual(single.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}:${finding.location.startColumn ?? 0}`), ['late-nul.txt:2101:5']);
    assert.deepEqual(single.errors.map((error) => `${error.path} ${error.code}`), ['big.txt FILE_TOO_LARGE']);
    assert.equal(single.filesScanned, 2);
    assert.deepEqual([...single.notes.keys()], ['notes.txt']);
  });

  it('lets workers load only the detector rules when the scan runs the catalogue’s own, else resolve the settings', async () => {
    const options = { target: '.', scanners: ['secret' as const] };
    const settings = await resolveSettings(options);
    const light = textWorkerInput(options, analyzers, settings.rules);
    assert.equal(light.ruleIds?.length, settings.rules.filter((rule) => rule.meta.target === 'text').length);
    assert.ok((light.ruleIds?.length ?? 0) > 150);
    const foreign = settings.rules.map((rule) => (rule.meta.target === 'text' ? { ...rule } : rule));
    assert.equal(textWorkerInput(options, analyzers, foreign).ruleIds, undefined);
    assert.equal(textWorkerInput(options, analyzers, foreign).settingsInput, options);
    const twoTextAnalyzers = [...analyzers, ...analyzers.filter((analyzer) => analyzer.produces === 'text').map((analyzer) => ({ ...analyzer }))];
    assert.equal(textWorkerInput(options, twoTextAnalyzers, settings.rules).ruleIds, undefined);
  });

  it('analyzes the bytes the sniff read (small files) and reads larger ones again, with the same findings', async () => {
    const root = await mkdtemp(join(tmpdir(), 'palisade-scan-files-sniff-'));
    const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n`;
    await writeFile(join(root, 'small.yaml'), pod('small'));
    // Over the whole-read size (64 KiB): sniffed by its head, then read whole.
    await writeFile(join(root, 'large.yaml'), `${pod('large')}${'# padding\n'.repeat(7000)}`);
    // A multi-byte character across the 4 KiB head boundary: the head decodes as readHead's does.
    await writeFile(join(root, 'split.yaml'), `${pod('split')}${'#'.repeat(4095 - pod('split').length)}\u00e9\n`);
    await writeFile(join(root, 'plain.yaml'), 'just: config\n');
    const settings = await resolveSettings({ target: root, scanners: ['misconfig'], rules: ['no-latest-image-tag'] });
    const result = await scanFiles({ target: root, analyzers, rules: settings.rules, ignorePatterns: [], maxFileSize: 1 << 20 });
    assert.deepEqual(result.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}:${finding.location.startColumn ?? 0} ${finding.slug}`).sort(), [
      'large.yaml:9:12 no-latest-image-tag',
      'small.yaml:9:12 no-latest-image-tag',
      'split.yaml:9:12 no-latest-image-tag',
    ]);
    assert.equal(result.filesScanned, 3);
    assert.deepEqual(result.errors, []);
  });

  it('reads the worker count from PALISADE_WORKERS (0 or 1: none)', () => {
    assert.equal(workerCount({ PALISADE_WORKERS: '0' }), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '1' }), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '3' }), 3);
    assert.ok(workerCount({}) >= 0);
  });
});
