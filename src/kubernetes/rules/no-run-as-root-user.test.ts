import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { configuredRule } from '../pod-security/testing.ts';
import { noRunAsRootUser } from './no-run-as-root-user.ts';

// Default options: restricted, latest.
runProjectRuleTests(noRunAsRootUser, kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsUser: 1000}\n',
    },
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: userns}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: RuntimeDefault}}\n  hostUsers: false\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [
    {
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsUser: 0}\n',
      },
      findings: [
        { path: 'pod.yaml', messageId: 'podRoot', line: 5, column: 52, endColumn: 53, message: 'The pod must not set securityContext.runAsUser=0 (PodSecurity "restricted:latest").' },
        { path: 'pod.yaml', messageId: 'containerRoot', line: 9, column: 98, endColumn: 99 },
      ],
    },
  ],
});

// Options: version v1.22.
runProjectRuleTests(configuredRule(noRunAsRootUser, { version: 'v1.22' }), kubernetesAnalyzer, {
  pass: [
    {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: RuntimeDefault}}\n  containers:\n    - name: app\n      image: example/app:1.0\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
    },
  ],
  fail: [

  ],
});
