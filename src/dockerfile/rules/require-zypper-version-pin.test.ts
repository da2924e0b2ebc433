import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireZypperVersionPin } from './require-zypper-version-pin.ts';

runRuleTests(requireZypperVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0",
    "FROM opensuse/leap:15.6\nRUN zypper -n install 'curl>=8'",
    "FROM opensuse/leap:15.6\nRUN zypper -n install /tmp/x.rpm",
  ],
  fail: [
    { code: "FROM opensuse/leap:15.6\nRUN zypper -n install curl", findings: [{ messageId: 'unpinned', line: 2, column: 23, endColumn: 27, message: "zypper installs \"curl\" without a version; write \"curl=<version>\"." }] },
  ],
});
