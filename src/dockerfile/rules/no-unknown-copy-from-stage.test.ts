import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noUnknownCopyFromStage } from './no-unknown-copy-from-stage.ts';

runRuleTests(noUnknownCopyFromStage, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /y',
    'FROM a:1 AS Build\nFROM b:1\nCOPY --from=build /x /y',
    'FROM a:1\nFROM b:1\nCOPY --from=0 /x /y',
    'FROM b:1\nCOPY --from=nginx:1.27 /x /y',
    'FROM b:1\nCOPY --from=ghcr.io/a/b /x /y',
    'FROM b:1\nCOPY --from=${STAGE} /x /y',
    'FROM b:1 AS self\nCOPY --from=self /x /y',
  ],
  fail: [
    {
      code: 'FROM a:1 AS build\nFROM b:1\nCOPY --from=biuld /x /y',
      findings: [{ messageId: 'unknownStage', line: 3, column: 13, endColumn: 18, message: 'COPY --from="biuld" names no earlier stage; Docker would pull an image called "biuld" instead.' }],
    },
    { code: 'FROM b:1\nCOPY --from=later /x /y\nFROM c:1 AS later', findings: [{ messageId: 'unknownStage', line: 2, column: 13, endColumn: 18 }] },
    { code: 'FROM a:1\nFROM b:1\nCOPY --from=1 /x /y', findings: [{ messageId: 'unknownStage', line: 3, column: 13, endColumn: 14 }] },
  ],
});
