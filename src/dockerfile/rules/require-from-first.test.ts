import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireFromFirst } from './require-from-first.ts';

runRuleTests(requireFromFirst, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['# syntax=docker/dockerfile:1\nARG V=1\n# comment\nFROM a:$V'],
  fail: [
    { code: 'ENV A=1\nARG B\nLABEL x=y\nFROM a:1', findings: [{ messageId: 'beforeFrom', line: 1, column: 1, endColumn: 4, message: 'ENV comes before the first FROM; only ARG may.' }, { messageId: 'beforeFrom', line: 3, column: 1, endColumn: 6 }] },
  ],
});
