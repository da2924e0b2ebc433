import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireUseraddNoLogInit } from './require-useradd-no-log-init.ts';

runRuleTests(requireUseraddNoLogInit, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM debian:12\nRUN useradd -l -u 1000000 app",
    "FROM debian:12\nRUN useradd --no-log-init -u 1000000 app",
    "FROM debian:12\nRUN useradd -u 1000 app",
  ],
  fail: [
    { code: "FROM debian:12\nRUN useradd -u 1000000 app", findings: [{ messageId: 'logInit', line: 2, column: 5, endColumn: 12, message: "useradd creates UID 1000000 without -l, which bloats /var/log/lastlog and /var/log/faillog." }] },
    { code: "FROM debian:12\nRUN useradd --uid=123456 app", findings: [{ messageId: 'logInit', line: 2, column: 5, endColumn: 12 }] },
  ],
});
