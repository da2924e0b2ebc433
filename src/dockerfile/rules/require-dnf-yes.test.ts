import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireDnfYes } from './require-dnf-yes.ts';

runRuleTests(requireDnfYes, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62",
    "FROM fedora:40\nRUN dnf --assumeyes install httpd-2.4.62",
  ],
  fail: [
    { code: "FROM fedora:40\nRUN dnf install httpd-2.4.62", findings: [{ messageId: 'noYes', line: 2, column: 5, endColumn: 8, message: "dnf install runs without -y and would wait for confirmation." }] },
    { code: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install tar-1.34", findings: [{ messageId: 'noYes', line: 2, column: 5, endColumn: 13 }] },
  ],
});
