import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.ts';

runRuleTests(
  noMultipleEntrypoint,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM alpine:3.20\nENTRYPOINT ["a"]',
      'FROM alpine:3.20 AS build\nENTRYPOINT ["a"]\nFROM alpine:3.20\nENTRYPOINT ["b"]',
      'FROM alpine:3.20\nONBUILD ENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
    ],
    fail: [
      {
        code: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
        findings: [
          { messageId: 'overridden', line: 2, column: 1, endColumn: 11, message: 'This ENTRYPOINT has no effect: the ENTRYPOINT on line 3 of the same stage replaces it.' },
        ],
      },
      {
        code: 'FROM alpine:3.20\nENTRYPOINT a\nRUN make\nENTRYPOINT b\nENTRYPOINT ["c"]',
        findings: [
          { messageId: 'overridden', line: 2, column: 1, endColumn: 11, message: 'This ENTRYPOINT has no effect: the ENTRYPOINT on line 5 of the same stage replaces it.' },
          { messageId: 'overridden', line: 4, column: 1, endColumn: 11 },
        ],
      },
    ],
  },
);
