import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noInvalidOnbuildTrigger } from './no-invalid-onbuild-trigger.ts';

runRuleTests(noInvalidOnbuildTrigger, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nONBUILD RUN make', 'FROM a:1\nONBUILD COPY . /app'],
  fail: [
    { code: 'FROM a:1\nONBUILD FROM b:1', findings: [{ messageId: 'forbiddenTrigger', line: 2, column: 9, endColumn: 13, message: 'ONBUILD cannot trigger FROM; builds based on this image will fail.' }] },
    { code: 'FROM a:1\nonbuild  maintainer me\nONBUILD ONBUILD RUN x', findings: [{ messageId: 'forbiddenTrigger', line: 2, column: 10, endColumn: 20 }, { messageId: 'forbiddenTrigger', line: 3, column: 9, endColumn: 16 }] },
  ],
});
