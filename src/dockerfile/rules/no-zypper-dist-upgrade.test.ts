import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noZypperDistUpgrade } from './no-zypper-dist-upgrade.ts';

runRuleTests(noZypperDistUpgrade, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0",
  ],
  fail: [
    { code: "FROM opensuse/leap:15.6\nRUN zypper -n dup", findings: [{ messageId: 'distUpgrade', line: 2, column: 15, endColumn: 18, message: "\"zypper dup\" upgrades the whole distribution during the build." }] },
    { code: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive dist-upgrade", findings: [{ messageId: 'distUpgrade', line: 2, column: 30, endColumn: 42 }] },
  ],
});
