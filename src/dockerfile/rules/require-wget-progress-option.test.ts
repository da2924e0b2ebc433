import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireWgetProgressOption } from './require-wget-progress-option.ts';

runRuleTests(requireWgetProgressOption, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN wget -q https://example.com/a.tgz",
    "FROM debian:12\nRUN wget -nv https://example.com/a.tgz",
    "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz",
    "FROM debian:12\nRUN wget -qO- https://example.com/a.tgz",
    "FROM debian:12\nRUN wget -o log https://example.com/a.tgz",
  ],
  fail: [
    { code: "FROM debian:12\nRUN wget https://example.com/a.tgz", findings: [{ messageId: 'progress', line: 2, column: 5, endColumn: 9, message: "wget runs without --progress, -q or -nv and floods the build log." }] },
  ],
});
