import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useAbsoluteWorkdir } from './use-absolute-workdir.ts';

runRuleTests(
  useAbsoluteWorkdir,
  { analyzer: dockerfileAnalyzer, path: 'Dockerfile' },
  {
    pass: [
      'FROM alpine:3.20\nWORKDIR /app',
      'FROM alpine:3.20\nWORKDIR $HOME/app',
      'FROM alpine:3.20\nWORKDIR ${APP_DIR}',
      'FROM alpine:3.20\nWORKDIR "/my app"',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR c:/app',
      'FROM alpine:3.20\nWORKDIR',
    ],
    fail: [
      {
        code: 'FROM alpine:3.20\nWORKDIR app',
        findings: [{ messageId: 'relative', line: 2, column: 9, endColumn: 12, message: 'WORKDIR "app" is relative, so it depends on the working directory set before it.' }],
      },
      {
        code: 'FROM alpine:3.20\nWORKDIR "src/app"',
        findings: [{ messageId: 'relative', line: 2, column: 9, endColumn: 18, message: 'WORKDIR "src/app" is relative, so it depends on the working directory set before it.' }],
      },
      {
        code: 'FROM alpine:3.20\nworkdir ./build',
        findings: [{ messageId: 'relative', line: 2, column: 9, endColumn: 16 }],
      },
    ],
  },
);
