import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useExecFormCmd } from './use-exec-form-cmd.ts';

runRuleTests(useExecFormCmd, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1\nCMD ["node", "server.js"]', 'FROM a:1\nENTRYPOINT ["/entrypoint.sh"]\nCMD []', 'FROM a:1\nRUN echo hi'],
  fail: [
    { code: 'FROM a:1\nCMD node server.js', findings: [{ messageId: 'shellForm', line: 2, column: 5, endColumn: 19, message: 'CMD uses the shell form, so the program runs under /bin/sh and does not receive stop signals.' }] },
    { code: "FROM a:1\nENTRYPOINT ['app']", findings: [{ messageId: 'shellForm', line: 2, column: 12, endColumn: 19 }] },
  ],
});
