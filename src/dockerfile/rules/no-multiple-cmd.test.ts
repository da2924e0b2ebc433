import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noMultipleCmd } from './no-multiple-cmd.ts';

runRuleTests(
  noMultipleCmd,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM alpine:3.20\nCMD ["a"]',
      'FROM alpine:3.20 AS build\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]',
      'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]',
    ],
    fail: [
      {
        code: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]',
        findings: [
          { messageId: 'overridden', line: 2, column: 1, endColumn: 4, message: 'This CMD has no effect: the CMD on line 3 of the same stage replaces it.' },
        ],
      },
      {
        code: 'FROM alpine:3.20\nCMD a\nRUN make\nCMD b\nCMD ["c"]',
        findings: [
          { messageId: 'overridden', line: 2, column: 1, endColumn: 4, message: 'This CMD has no effect: the CMD on line 5 of the same stage replaces it.' },
          { messageId: 'overridden', line: 4, column: 1, endColumn: 4 },
        ],
      },
    ],
  },
);
