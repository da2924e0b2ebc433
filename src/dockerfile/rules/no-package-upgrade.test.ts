import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noPackageUpgrade } from './no-package-upgrade.ts';

runRuleTests(noPackageUpgrade, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM fedora:40\nRUN dnf -y upgrade openssl",
    "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade", findings: [{ messageId: 'upgrade', line: 2, column: 34, endColumn: 46, message: "\"apt-get dist-upgrade\" upgrades every installed package during the build." }] },
    { code: "FROM alpine:3.20\nRUN apk upgrade --no-cache", findings: [{ messageId: 'upgrade', line: 2, column: 9, endColumn: 16 }] },
    { code: "FROM fedora:40\nRUN dnf -y upgrade", findings: [{ messageId: 'upgrade', line: 2, column: 12, endColumn: 19 }] },
  ],
});
