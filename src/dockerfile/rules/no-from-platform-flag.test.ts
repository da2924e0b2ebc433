import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noFromPlatformFlag } from './no-from-platform-flag.ts';

runRuleTests(noFromPlatformFlag, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: ['FROM a:1', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'FROM --platform=${TARGETPLATFORM} a:1'],
  fail: [
    { code: 'FROM --platform=linux/amd64 a:1', findings: [{ messageId: 'fixedPlatform', line: 1, column: 17, endColumn: 28, message: 'FROM pins the platform "linux/amd64"; builds for other platforms will still use it.' }] },
  ],
});
