import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireAptGetYes } from './require-apt-get-yes.ts';

runRuleTests(requireAptGetYes, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y curl",
    "FROM debian:12\nRUN apt-get --yes install curl",
    "FROM debian:12\nRUN apt-get install -qq curl",
    "FROM debian:12\nRUN apt-get install --assume-yes curl",
    "FROM debian:12\nRUN apt-get install -s curl",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt-get install curl=7.88.1-10", findings: [{ messageId: 'noYes', line: 2, column: 5, endColumn: 12, message: "apt-get install runs without -y and would wait for confirmation." }] },
  ],
});
