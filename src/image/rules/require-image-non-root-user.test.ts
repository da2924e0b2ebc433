import { runRuleTests } from '../../../test/rule-tester.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { requireImageNonRootUser } from './require-image-non-root-user.ts';

runRuleTests(
  requireImageNonRootUser,
  { analyzer: imageConfigAnalyzer, path: 'config.json' },
  {
    pass: ['{"config": {"User": "app"}}', '{"config": {"User": "10001:10001"}}', '{"config": {"User": "nobody:root"}}', '{"config": {"User": "1000:0"}}'],
    fail: [
      {
        code: '{\n  "architecture": "amd64",\n  "config": {\n    "Cmd": ["nginx"]\n  }\n}',
        findings: [{ messageId: 'missing', line: 3, column: 3, endColumn: 11, message: 'The image config sets no User, so the container runs as root.' }],
      },
      { code: '{"config": {"User": ""}}', findings: [{ messageId: 'missing', line: 1, column: 21, endColumn: 23 }] },
      { code: '{"architecture": "arm64"}', findings: [{ messageId: 'missing', line: 1, column: 1, endColumn: 2 }] },
      { code: '{"config": {"User": "root"}}', findings: [{ messageId: 'root', line: 1, column: 21, endColumn: 27, message: 'The image config sets User "root", so the container runs as root.' }] },
      { code: '{"config": {"User": "0:0"}}', findings: [{ messageId: 'root', line: 1, column: 21, endColumn: 26 }] },
      { code: '{"config": {"User": 0}}', findings: [{ messageId: 'missing', line: 1, column: 21, endColumn: 22 }] },
    ],
  },
);
