import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireApkNoCache } from './require-apk-no-cache.ts';

runRuleTests(requireApkNoCache, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0",
    "FROM alpine:3.20\nRUN apk add --no-network .rundeps",
    "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.0-r0",
  ],
  fail: [
    { code: "FROM alpine:3.20\nRUN apk add curl=8.9.0-r0", findings: [{ messageId: 'cache', line: 2, column: 5, endColumn: 8, message: "apk add runs without --no-cache and leaves its cache in the layer." }] },
    { code: "FROM alpine:3.20\nRUN apk update && \\\n  apk add -U curl=8.9.0-r0", findings: [{ messageId: 'cache', line: 3, column: 3, endColumn: 6 }] },
  ],
});
