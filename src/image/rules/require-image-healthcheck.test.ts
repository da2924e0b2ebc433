import { runRuleTests } from '../../../test/rule-tester.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { requireImageHealthcheck } from './require-image-healthcheck.ts';

runRuleTests(
  requireImageHealthcheck,
  { analyzer: imageConfigAnalyzer, path: 'config.json' },
  {
    pass: ['{"config": {"Healthcheck": {"Test": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}}}', '{"config": {"Healthcheck": {"Test": ["CMD", "/healthz"], "Interval": 30000000000}}}'],
    fail: [
      { code: '{\n  "config": {\n    "User": "app"\n  }\n}', findings: [{ messageId: 'missing', line: 2, column: 3, endColumn: 11, message: 'The image config defines no Healthcheck.' }] },
      { code: '{"config": {"Healthcheck": {"Test": []}}}', findings: [{ messageId: 'missing', line: 1, column: 28, endColumn: 40 }] },
      { code: '{"config": {"Healthcheck": {"Test": ["NONE"]}}}', findings: [{ messageId: 'disabled', line: 1, column: 38, endColumn: 44, message: 'The image config disables the health check (Healthcheck Test ["NONE"]).' }] },
      { code: '{"config": {"Healthcheck": "yes"}}', findings: [{ messageId: 'missing', line: 1, column: 28, endColumn: 33 }] },
    ],
  },
);
