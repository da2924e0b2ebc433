import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noCopyFromOwnStage } from './no-copy-from-own-stage.ts';

runRuleTests(noCopyFromOwnStage, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1 AS build\nFROM b:1 AS final\nCOPY --from=build /x /y', 'FROM a:1\nCOPY /x /y'],
  fail: [
    { code: 'FROM a:1 AS build\nCOPY --from=BUILD /x /y', findings: [{ messageId: 'ownStage', line: 2, column: 13, endColumn: 18, message: 'COPY --from="BUILD" names the stage this COPY is in.' }] },
    { code: 'FROM a:1\nFROM b:1\nCOPY --from=1 /x /y', findings: [{ messageId: 'ownStage', line: 3, column: 13, endColumn: 14 }] },
  ],
});
