import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noSudo } from './no-sudo.ts';

runRuleTests(noSudo, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN apt-get install -y sudo=1.9.13p3-1",
    "FROM debian:12\nRUN echo sudo",
  ],
  fail: [
    { code: "FROM debian:12\nRUN sudo apt-get update", findings: [{ messageId: 'sudo', line: 2, column: 5, endColumn: 9, message: "RUN uses sudo; run the step as root with USER instead." }] },
    { code: "FROM debian:12\nRUN [\"sudo\", \"make\"]", findings: [{ messageId: 'sudo', line: 2, column: 6, endColumn: 12 }] },
  ],
});
