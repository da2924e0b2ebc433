import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireApkVersionPin } from './require-apk-version-pin.ts';

runRuleTests(requireApkVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0 bash~5.2",
    "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk",
    "FROM alpine:3.20\nRUN apk add $DEPS",
  ],
  fail: [
    { code: "FROM alpine:3.20\nRUN apk add --no-cache curl bash=5.2.26-r0", findings: [{ messageId: 'unpinned', line: 2, column: 24, endColumn: 28, message: "apk adds \"curl\" without a version; write \"curl=<version>\"." }] },
    { code: "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc=13.2.1-r0 make", findings: [{ messageId: 'unpinned', line: 2, column: 49, endColumn: 53 }] },
  ],
});
