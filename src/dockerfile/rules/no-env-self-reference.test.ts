import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noEnvSelfReference } from './no-env-self-reference.ts';

runRuleTests(noEnvSelfReference, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM a:1\nENV A=1\nENV B=$A',
    'FROM a:1\nENV PATH=/x:$PATH',
    'FROM a:1\nENV A=1 B=$AB',
    'FROM a:1\nARG A\nENV A=$A B=$A',
    'FROM a:1\nENV A=1\nENV A=2 B=${A}',
  ],
  fail: [
    { code: 'FROM a:1\nENV A=1 B=$A', findings: [{ messageId: 'sameEnv', line: 2, column: 11, endColumn: 13, message: '"B" uses $A, which the same ENV defines; it expands to the value from before this instruction.' }] },
    { code: 'FROM a:1\nENV HOME=/h \\\n  CONF="${HOME:-/x}/conf"', findings: [{ messageId: 'sameEnv', line: 3, column: 8, endColumn: 26 }] },
  ],
});
