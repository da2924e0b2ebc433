import { runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { requireYumCleanAll } from './require-yum-clean-all.ts';

runRuleTests(requireYumCleanAll, { analyzer: dockerfileAnalyzer, path: 'Dockerfile' }, {
  pass: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all",
    "FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum",
    "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6",
  ],
  fail: [
    { code: "FROM centos:7\nRUN yum install -y httpd-2.4.6", findings: [{ messageId: 'noClean', line: 2, column: 5, endColumn: 8, message: "yum install leaves its cache in the layer; run \"yum clean all\" after it in the same RUN." }] },
    { code: "FROM centos:7\nRUN yum clean all && yum install -y httpd-2.4.6", findings: [{ messageId: 'noClean', line: 2, column: 22, endColumn: 25 }] },
  ],
});
