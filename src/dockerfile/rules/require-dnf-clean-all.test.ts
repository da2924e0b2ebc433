import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireDnfCleanAll } from './require-dnf-clean-all.ts';

runRuleTests(requireDnfCleanAll, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all",
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/dnf",
    "FROM ubi9/ubi-minimal\nRUN microdnf install -y tar-1.34 && microdnf clean all",
  ],
  fail: [
    { code: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62", findings: [{ messageId: 'noClean', line: 2, column: 5, endColumn: 8, message: "dnf install leaves its cache in the layer; run \"dnf clean all\" after it in the same RUN." }] },
  ],
});
