import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noLonePackageUpdate } from './no-lone-package-update.ts';

runRuleTests(noLonePackageUpdate, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl",
    "FROM debian:12\nRUN apt-get update && xargs apt-get install -y < pkgs",
    "FROM alpine:3.20\nRUN apk update && apk add curl",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl", findings: [{ messageId: 'alone', line: 2, column: 13, endColumn: 19, message: "\"apt-get update\" runs without an install in the same RUN." }] },
    { code: "FROM alpine:3.20\nRUN apk update", findings: [{ messageId: 'alone', line: 2, column: 9, endColumn: 15 }] },
  ],
});
