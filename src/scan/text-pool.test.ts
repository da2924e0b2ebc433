import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Analyzer } from '../core/index.ts';
import { secretRules, textAnalyzer } from '../secrets/index.ts';
import type { TextBatchResult, TextJob } from './text-pool.ts';
import { createTextScanner, emptyTextResult, scanTextInWorkers } from './text-pool.ts';
import { startTextWorkers } from './workers.ts';

describe('text scanner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-text-pool-'));
  const files: readonly [string, string | Buffer][] = [
    ['a.env', 'AWS_ACCESS_KEY_ID=AKIAZ7Q3N5KX2WJ4TB22\n'],
    ['plain.txt', 'nothing to see\n'],
    ['blob', Buffer.concat([Buffer.from('AKIAZ7Q3N5KX2WJ4TB23'), Buffer.from([0])])],
    ['waived.py', 'k = "AKIAQ4R7T2MZX3KP5WZB"  # gitleaks:allow\n'],
    ['wide.txt', `${'\u00e9'.repeat(2100)}\u0000 AKIAZ7Q3N5KX2WJ4TB24\n`],
  ];
  const jobs: TextJob[] = files.map(([name, data]) => {
    writeFileSync(join(dir, name), data);
    return { path: name, absolutePath: join(dir, name), size: Buffer.byteLength(data), checkContent: true };
  });
  jobs.push({ path: 'missing.txt', absolutePath: join(dir, 'missing.txt'), size: 3 });
  const rules = secretRules.filter((rule) => rule.meta.target === 'text');
  // The same analyzer without the byte-level methods: the general path.
  const general: Analyzer = { id: 'text', version: 1, produces: 'text', matches: (file, sniff) => textAnalyzer.matches(file, sniff), analyze: (document) => textAnalyzer.analyze(document) };

  it('gives the same findings, notes, errors and counts on the fast and the general path', () => {
    const fast = emptyTextResult();
    const slow = emptyTextResult();
    const scanFast = createTextScanner([textAnalyzer], rules);
    const scanSlow = createTextScanner([general], rules);
    for (const job of jobs) {
      scanFast(job, fast);
      scanSlow(job, slow);
    }
    assert.deepEqual(fast, slow);
    assert.deepEqual(fast.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}:${finding.location.startColumn ?? 0} ${finding.slug}`), ['a.env:1:19 no-aws-access-key-id', 'waived.py:1:6 no-aws-access-key-id', 'wide.txt:1:2103 no-aws-access-key-id']);
    assert.deepEqual(fast.notes.map(([path, notes]) => [path, notes.allowedLines]), [['waived.py', [1]]]);
    assert.deepEqual(fast.errors.map((error) => `${error.path} ${error.code}`), ['missing.txt FILE_UNREADABLE']);
    // wide.txt: the NUL is past the first 4096 bytes (2100 two-byte characters), so the file is read.
    assert.equal(fast.filesScanned, 4);
  });
});

describe('scanTextInWorkers', () => {
  // Three files of 1.5 MB make two batches (2 MB each at most, largest files first): the main thread
  // and a worker share them through the claim counter.
  const dir = mkdtempSync(join(tmpdir(), 'palisade-text-pool-workers-'));
  const line = (index: number): string => (index % 997 === 0 ? `key_${index} = "AKIAZ7Q3N5KX2WJ4TB${String(index % 100).padStart(2, '0').replace(/[0189]/g, '2')}"\n` : `value_${index} = ${index}\n`);
  const jobs: TextJob[] = ['one.py', 'two.py', 'three.py', 'small.txt'].map((name, fileIndex) => {
    const lines = name === 'small.txt' ? 'plain\n' : Array.from({ length: 90_000 }, (_, index) => line(index + fileIndex)).join('');
    writeFileSync(join(dir, name), lines);
    return { path: name, absolutePath: join(dir, name), size: Buffer.byteLength(lines), checkContent: true };
  });
  const rules = secretRules.filter((rule) => rule.meta.target === 'text');
  const input = { settingsInput: { target: dir }, ruleIds: rules.map((rule) => rule.meta.id) };
  const sorted = (result: TextBatchResult): unknown => ({
    findings: result.findings.map((finding) => `${finding.location.path}:${finding.location.startLine ?? 0}:${finding.location.startColumn ?? 0} ${finding.ruleId} ${finding.fingerprint}`).sort(),
    errors: result.errors.length,
    filesScanned: result.filesScanned,
  });
  const single = emptyTextResult();
  const scan = createTextScanner([textAnalyzer], rules);
  for (const job of jobs) scan(job, single);

  it('finds on the main thread and a worker what one thread finds', async () => {
    assert.ok(single.findings.length > 100);
    assert.equal(single.filesScanned, 4);
    assert.deepEqual(sorted(await scanTextInWorkers(jobs, input, 2)), sorted(single));
  });

  it('uses workers started beforehand and terminates those it does not need', async () => {
    const started = startTextWorkers(2);
    assert.deepEqual(sorted(await scanTextInWorkers(jobs, input, 2, started)), sorted(single));
    // Both have ended (the one used, and the one not needed), without an error.
    assert.deepEqual(
      (await Promise.all(started.map((text) => text.ended))).map((ended) => ended.error),
      [undefined, undefined],
    );
  });
});
