import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireYumVersionPin } from './require-yum-version-pin.ts';

runRuleTests(requireYumVersionPin, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6",
    "FROM centos:7\nRUN yum install -y /tmp/x.rpm",
    "FROM rockylinux:9\nRUN yum module install -y nodejs:18",
  ],
  fail: [
    { code: "FROM centos:7\nRUN yum install -y httpd", findings: [{ messageId: 'unpinned', line: 2, column: 20, endColumn: 25, message: "yum installs \"httpd\" without a version; write \"httpd-<version>\"." }] },
    { code: "FROM rockylinux:9\nRUN yum module install -y nodejs", findings: [{ messageId: 'unpinned', line: 2, column: 27, endColumn: 33 }] },
  ],
});
