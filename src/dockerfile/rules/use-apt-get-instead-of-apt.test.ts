import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useAptGetInsteadOfApt } from './use-apt-get-instead-of-apt.ts';

runRuleTests(useAptGetInsteadOfApt, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y curl",
    "FROM debian:12\nRUN apt-cache policy curl",
  ],
  fail: [
    { code: "FROM debian:12\nRUN apt install -y curl", findings: [{ messageId: 'apt', line: 2, column: 5, endColumn: 8, message: "RUN uses \"apt\"; use \"apt-get\" in scripts." }] },
  ],
});
