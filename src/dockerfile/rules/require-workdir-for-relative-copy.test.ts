import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireWorkdirForRelativeCopy } from './require-workdir-for-relative-copy.ts';

runRuleTests(requireWorkdirForRelativeCopy, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    'FROM a:1\nCOPY . /app',
    'FROM a:1\nWORKDIR /app\nCOPY . .',
    'FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY . .',
    'FROM a:1\nCOPY . "$APP"',
    'FROM a:1\nCOPY . C:/app',
    'FROM a:1\nADD . app',
  ],
  fail: [
    { code: 'FROM a:1\nCOPY . app/', findings: [{ messageId: 'relativeDestination', line: 2, column: 8, endColumn: 12, message: 'COPY destination "app/" is relative, but no WORKDIR is set, so it depends on the base image.' }] },
    { code: 'FROM a:1\nCOPY . .\nWORKDIR /app', findings: [{ messageId: 'relativeDestination', line: 2, column: 8, endColumn: 9 }] },
    { code: 'FROM a:1 AS base\nWORKDIR /app\nFROM b:1\nCOPY --from=base /app/x ./', findings: [{ messageId: 'relativeDestination', line: 4, column: 25, endColumn: 27 }] },
  ],
});
