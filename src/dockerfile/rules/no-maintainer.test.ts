import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noMaintainer } from './no-maintainer.ts';

runRuleTests(
  noMaintainer,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"', 'FROM alpine:3.20\nLABEL maintainer="Jane"'],
    fail: [
      {
        code: 'FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>',
        findings: [
          {
            messageId: 'deprecated',
            line: 2,
            column: 1,
            endColumn: 11,
            message: 'MAINTAINER "Jane <jane@example.com>" uses a deprecated instruction; record the author in a LABEL instead.',
          },
        ],
      },
      {
        code: 'FROM alpine:3.20\nmaintainer ops \\\n  team',
        findings: [{ messageId: 'deprecated', line: 2, column: 1, endColumn: 11, message: 'MAINTAINER "ops \\ team" uses a deprecated instruction; record the author in a LABEL instead.' }],
      },
    ],
  },
);
