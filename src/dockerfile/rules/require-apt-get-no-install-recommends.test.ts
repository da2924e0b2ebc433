import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireAptGetNoInstallRecommends } from './require-apt-get-no-install-recommends.ts';

runRuleTests(requireAptGetNoInstallRecommends, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl",
    "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get install -y curl", findings: [{ messageId: 'recommends', line: 2, column: 5, endColumn: 12, message: "apt-get install runs without --no-install-recommends and pulls in recommended packages." }] },
  ],
});
