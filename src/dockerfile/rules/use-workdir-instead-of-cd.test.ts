import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { useWorkdirInsteadOfCd } from './use-workdir-instead-of-cd.ts';

runRuleTests(useWorkdirInsteadOfCd, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nWORKDIR /app\nRUN make",
    "FROM debian:12\nRUN echo cd",
    "FROM debian:12\nRUN [\"cd\", \"/x\"]",
  ],
  fail: [
    { code: "FROM debian:12\nRUN cd /app && make", findings: [{ messageId: 'cd', line: 2, column: 5, endColumn: 7, message: "RUN changes directory with \"cd /app\"; use WORKDIR instead." }] },
    { code: "FROM debian:12\nRUN make && \\\n  (cd docs && make)", findings: [{ messageId: 'cd', line: 3, column: 4, endColumn: 6 }] },
  ],
});
