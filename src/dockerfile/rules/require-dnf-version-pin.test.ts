import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireDnfVersionPin } from './require-dnf-version-pin.ts';

runRuleTests(requireDnfVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.62",
    "FROM fedora:40\nRUN dnf install -y /tmp/x.rpm",
    "FROM fedora:40\nRUN dnf module install -y nodejs:20",
  ],
  fail: [
    { code: "FROM fedora:40\nRUN dnf install -y httpd", findings: [{ messageId: 'unpinned', line: 2, column: 20, endColumn: 25, message: "dnf installs \"httpd\" without a version; write \"httpd-<version>\"." }] },
    { code: "FROM fedora:40\nRUN dnf install -y python3-pip", findings: [{ messageId: 'unpinned', line: 2, column: 20, endColumn: 31 }] },
  ],
});
