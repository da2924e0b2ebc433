import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Analyzer } from '../core/index.ts';
import { secretRules, textAnalyzer } from '../secrets/index.ts';
import type { TextJob } from './text-pool.ts';
import { createTextScanner, emptyTextResult } from './text-pool.ts';

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
