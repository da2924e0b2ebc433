import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noSshPort } from './no-ssh-port.ts';

runRuleTests(
  noSshPort,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM alpine:3.20\nEXPOSE 80 443/tcp',
      'FROM alpine:3.20\nEXPOSE 22/udp',
      'FROM alpine:3.20\nEXPOSE 2222 222',
      'FROM alpine:3.20\nEXPOSE ${SSH_PORT}',
      'FROM alpine:3.20\nEXPOSE 8000-8080',
    ],
    fail: [
      {
        code: 'FROM alpine:3.20\nEXPOSE 22',
        findings: [{ messageId: 'sshPort', line: 2, column: 8, endColumn: 10, message: 'EXPOSE "22" publishes the SSH port 22.' }],
      },
      {
        code: 'FROM alpine:3.20\nEXPOSE 80 22/TCP',
        findings: [{ messageId: 'sshPort', line: 2, column: 11, endColumn: 17, message: 'EXPOSE "22/TCP" publishes the SSH port 22.' }],
      },
      {
        code: 'FROM alpine:3.20\nEXPOSE 20-30',
        findings: [{ messageId: 'sshPort', line: 2, column: 8, endColumn: 13 }],
      },
      {
        code: 'FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\nexpose 22',
        findings: [
          { messageId: 'sshPort', line: 2, column: 8, endColumn: 10 },
          { messageId: 'sshPort', line: 4, column: 8, endColumn: 10 },
        ],
      },
    ],
  },
);
