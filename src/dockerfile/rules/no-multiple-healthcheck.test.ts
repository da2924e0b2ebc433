import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noMultipleHealthcheck } from './no-multiple-healthcheck.ts';

runRuleTests(noMultipleHealthcheck, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nHEALTHCHECK CMD true', 'FROM a:1 AS b\nHEALTHCHECK CMD true\nFROM b\nHEALTHCHECK NONE', 'FROM a:1'],
  fail: [
    {
      code: 'FROM a:1\nHEALTHCHECK CMD true\nhealthcheck NONE',
      findings: [{ messageId: 'overridden', line: 2, column: 1, endColumn: 12, message: 'This HEALTHCHECK is replaced by the one on line 3; only the last HEALTHCHECK of a stage takes effect.' }],
    },
    {
      code: 'FROM a:1\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\nHEALTHCHECK CMD c',
      findings: [
        { messageId: 'overridden', line: 2, column: 1, endColumn: 12 },
        { messageId: 'overridden', line: 3, column: 1, endColumn: 12 },
      ],
    },
  ],
});
