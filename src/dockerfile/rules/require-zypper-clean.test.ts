import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireZypperClean } from './require-zypper-clean.ts';

runRuleTests(requireZypperClean, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0 && zypper clean -a",
    "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0 && zypper cc",
  ],
  fail: [
    { code: "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0", findings: [{ messageId: 'noClean', line: 2, column: 5, endColumn: 11, message: "zypper install leaves its cache in the layer; run \"zypper clean\" after it in the same RUN." }] },
  ],
});
