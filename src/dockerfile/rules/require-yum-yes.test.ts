import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireYumYes } from './require-yum-yes.ts';

runRuleTests(requireYumYes, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6",
    "FROM centos:7\nRUN yum --assumeyes install httpd-2.4.6",
    "FROM centos:7\nRUN yum -y groupinstall \"Development Tools\"",
  ],
  fail: [
    { code: "FROM centos:7\nRUN yum install httpd-2.4.6", findings: [{ messageId: 'noYes', line: 2, column: 5, endColumn: 8, message: "yum install runs without -y and would wait for confirmation." }] },
    { code: "FROM centos:7\nRUN yum groupinstall \"Development Tools\"", findings: [{ messageId: 'noYes', line: 2, column: 5, endColumn: 8, message: "yum groupinstall runs without -y and would wait for confirmation." }] },
  ],
});
