import { runRuleTests } from '../../../test/rule-tester.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { noImageSshPort } from './no-image-ssh-port.ts';

runRuleTests(
  noImageSshPort,
  { analyzer: imageConfigAnalyzer, path: 'config.json' },
  {
    pass: ['{"config": {"ExposedPorts": {"8080/tcp": {}, "22/udp": {}, "2222/tcp": {}}}}', '{"config": {}}', '{"config": {"ExposedPorts": null}}'],
    fail: [
      {
        code: '{\n  "config": {\n    "ExposedPorts": {\n      "22/tcp": {},\n      "80/tcp": {}\n    }\n  }\n}',
        findings: [{ messageId: 'ssh', line: 4, column: 7, endColumn: 15, message: 'The image config exposes port 22/tcp, the SSH port.' }],
      },
      { code: '{"config": {"ExposedPorts": {"22": {}}}}', findings: [{ messageId: 'ssh', line: 1, column: 30, endColumn: 34, message: 'The image config exposes port 22, the SSH port.' }] },
    ],
  },
);
