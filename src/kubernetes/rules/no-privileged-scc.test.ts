import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noPrivilegedScc } from './no-privileged-scc.ts';

runRuleTests(noPrivilegedScc, { analyzer: kubernetesAnalyzer, path: 'scc.yaml' }, {
  pass: [
    'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata: {name: app}\nallowPrivilegedContainer: false\n',
    'apiVersion: example.com/v1\nkind: SecurityContextConstraints\nmetadata: {name: app}\nallowPrivilegedContainer: true\n',
  ],
  fail: [
    {
      code: 'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: legacy\nallowPrivilegedContainer: true\nrunAsUser: {type: RunAsAny}\n',
      findings: [{ messageId: 'privilegedScc', line: 5, column: 27, endColumn: 31, message: 'SecurityContextConstraints "legacy" allow privileged containers.' }],
    },
  ],
});
