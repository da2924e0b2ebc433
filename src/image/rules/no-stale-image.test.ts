import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { createImageConfigAnalyzer } from '../scan/index.ts';
import { noStaleImage } from './no-stale-image.ts';

const OPTIONS = { analyzer: createImageConfigAnalyzer({ inspectedAt: '2026-06-01T00:00:00Z' }), path: 'config.json' };

runRuleTests(noStaleImage, OPTIONS, {
  pass: [
    '{"created": "2026-01-15T10:00:00Z"}',
    '{"created": "2025-06-01T00:00:00Z"}',
    '{"created": "1970-01-01T00:00:00Z"}',
    '{"created": "not a date"}',
    '{"architecture": "amd64"}',
    '{"created": 1700000000}',
  ],
  fail: [
    {
      code: '{\n  "created": "2024-03-01T12:00:00.123456789Z",\n  "architecture": "amd64"\n}',
      findings: [{ messageId: 'stale', line: 2, column: 14, endColumn: 46, message: 'The image was created on 2024-03-01, 821 days ago (more than maxAgeDays, 365).' }],
    },
    { code: '{"created": "2025-05-31T00:00:00Z"}', findings: [{ messageId: 'stale', line: 1, column: 13, endColumn: 35 }] },
  ],
});

it('IMG-0006 reads maxAgeDays', () => {
  const strict = noStaleImage.configure({ maxAgeDays: 30 });
  assert.ok(strict.ok);
  assert.equal(findingsOf(strict.value, OPTIONS, '{"created": "2026-04-01T00:00:00Z"}')[0]?.message, 'The image was created on 2026-04-01, 61 days ago (more than maxAgeDays, 30).');
  assert.equal(noStaleImage.configure({ maxAgeDays: 0 }).ok, false);
});
