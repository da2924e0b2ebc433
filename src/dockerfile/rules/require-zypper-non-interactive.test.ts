import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireZypperNonInteractive } from './require-zypper-non-interactive.ts';

runRuleTests(requireZypperNonInteractive, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0",
    "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.0",
    "FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl=8.0",
    "FROM opensuse/leap:15.6\nRUN zypper refresh",
  ],
  fail: [
    { code: "FROM opensuse/leap:15.6\nRUN zypper install curl=8.0", findings: [{ messageId: 'interactive', line: 2, column: 5, endColumn: 11, message: "zypper install runs without -n or -y and would wait for confirmation." }] },
  ],
});
