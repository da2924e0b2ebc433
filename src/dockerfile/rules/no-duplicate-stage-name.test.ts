import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noDuplicateStageName } from './no-duplicate-stage-name.ts';

runRuleTests(noDuplicateStageName, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1 AS build\nFROM b:1 AS test\nFROM c:1', 'FROM a:1\nFROM a:1'],
  fail: [
    {
      code: 'FROM a:1 AS build\nFROM b:1 as Build',
      findings: [{ messageId: 'duplicate', line: 2, column: 13, endColumn: 18, message: 'Stage alias "Build" is already used by the stage on line 1.' }],
    },
  ],
});
