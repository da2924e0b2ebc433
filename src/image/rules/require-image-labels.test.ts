import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { requireImageLabels } from './require-image-labels.ts';

const OPTIONS = { analyzer: imageConfigAnalyzer, path: 'config.json' };

runRuleTests(requireImageLabels, OPTIONS, {
  pass: ['{"config": {"Labels": {"org.opencontainers.image.source": "https://github.com/example/app", "org.opencontainers.image.revision": "3f2a9c1"}}}'],
  fail: [
    {
      code: '{\n  "config": {\n    "Labels": {\n      "org.opencontainers.image.source": "https://github.com/example/app"\n    }\n  }\n}',
      findings: [{ messageId: 'missing', line: 3, column: 5, endColumn: 13, message: 'The image config has no label "org.opencontainers.image.revision".' }],
    },
    {
      code: '{"config": {}}',
      findings: [
        { messageId: 'missing', line: 1, column: 2, endColumn: 10, message: 'The image config has no label "org.opencontainers.image.source".' },
        { messageId: 'missing', line: 1, column: 2, endColumn: 10, message: 'The image config has no label "org.opencontainers.image.revision".' },
      ],
    },
    {
      code: '{"config": {"Labels": {"org.opencontainers.image.source": "", "org.opencontainers.image.revision": "abc"}}}',
      findings: [{ messageId: 'missing', line: 1, column: 59, endColumn: 61 }],
    },
  ],
});

it('IMG-0005 reads requiredLabels: a custom list, or none at all', () => {
  const custom = requireImageLabels.configure({ requiredLabels: ['team'] });
  assert.ok(custom.ok);
  assert.deepEqual(findingsOf(custom.value, OPTIONS, '{"config": {"Labels": {"team": "payments"}}}'), []);
  assert.equal(findingsOf(custom.value, OPTIONS, '{"config": {}}')[0]?.message, 'The image config has no label "team".');
  const none = requireImageLabels.configure({ requiredLabels: [] });
  assert.ok(none.ok);
  assert.deepEqual(findingsOf(none.value, OPTIONS, '{}'), []);
  assert.equal(requireImageLabels.configure({ requiredLabels: 'team' }).ok, false);
});

it('IMG-0005 gives each missing label its own fingerprint', () => {
  const findings = findingsOf(requireImageLabels, OPTIONS, '{"config": {}}');
  assert.deepEqual(findings.map((finding) => finding.location.jsonPointer), ['/config/Labels/org.opencontainers.image.source', '/config/Labels/org.opencontainers.image.revision']);
  assert.notEqual(findings[0]?.fingerprint, findings[1]?.fingerprint);
});
